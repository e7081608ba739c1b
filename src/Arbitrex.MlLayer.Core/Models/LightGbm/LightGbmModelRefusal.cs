namespace Arbitrex.MlLayer.Core.Models.LightGbm;

/// <summary>Why a LightGBM text model was refused at load.</summary>
public enum LightGbmModelRefusal
{
    /// <summary>Not the text <c>LGBM_BoosterSaveModel</c> writes, or a field with an unexpected value.</summary>
    Malformed,

    /// <summary>A format version other than v3 or v4.</summary>
    UnsupportedVersion,

    /// <summary>An objective other than <c>binary</c>, a custom objective, or more than one output (multiclass).</summary>
    UnsupportedObjective,

    /// <summary>Categorical splits.</summary>
    CategoricalSplits,

    /// <summary>Linear trees (<c>linear_tree=true</c>): leaves that are linear models.</summary>
    LinearTrees,

    /// <summary>A tree deeper than <c>TreeEnsembleBuilder.MaxTreeDepth</c> (64) levels.</summary>
    TreeTooDeep,
}
