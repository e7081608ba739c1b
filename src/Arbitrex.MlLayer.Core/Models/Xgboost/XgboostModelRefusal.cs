namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>Why an XGBoost JSON model was refused at load.</summary>
public enum XgboostModelRefusal
{
    /// <summary>Not JSON, or JSON without the structure <c>Booster.save_model</c> writes.</summary>
    Malformed,

    /// <summary>Written by an xgboost version whose format this reader does not know.</summary>
    UnsupportedVersion,

    /// <summary>An objective other than <c>binary:logistic</c>.</summary>
    UnsupportedObjective,

    /// <summary>
    /// A booster other than <c>gbtree</c> (e.g. <c>dart</c>, <c>gblinear</c>), multi-output trees, or a tree
    /// deeper than <c>XgboostJsonReader.MaxTreeDepth</c> (64) levels.
    /// </summary>
    UnsupportedBooster,

    /// <summary>Categorical features or splits.</summary>
    CategoricalSplits,

    /// <summary>No feature names: the engine could not tell which value goes where.</summary>
    MissingFeatureNames,
}
