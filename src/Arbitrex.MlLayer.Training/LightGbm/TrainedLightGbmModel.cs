using Arbitrex.MlLayer.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>A binary LightGBM model trained by Microsoft.ML, with its ensemble exported for conversion.</summary>
public sealed class TrainedLightGbmModel
{
    private readonly MLContext _context;

    internal TrainedLightGbmModel(
        MLContext context, BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> transformer)
    {
        _context = context;
        Transformer = transformer;
        Ensemble = Export(transformer.Model);
    }

    public BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> Transformer { get; }

    public ExportedEnsemble Ensemble { get; }

    /// <summary>Microsoft.ML's own probability for each row (its batch transform, as its prediction engine computes it).</summary>
    public IReadOnlyList<double> PredictProbabilities(IEnumerable<TrainingRow> rows)
    {
        var data = _context.Data.LoadFromEnumerable(rows.Select(MlNetExample.From));
        return [.. _context.Data.CreateEnumerable<MlNetPrediction>(Transformer.Transform(data), reuseRowObject: false)
            .Select(p => (double)p.Probability)];
    }

    /// <summary>A prediction engine over the model (one row at a time; not thread-safe).</summary>
    public PredictionEngine<MlNetExample, MlNetPrediction> CreatePredictionEngine() =>
        _context.Model.CreatePredictionEngine<MlNetExample, MlNetPrediction>(Transformer);

    private static ExportedEnsemble Export(CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> model)
    {
        var ensemble = model.SubModel.TrainedTreeEnsemble;
        var trees = new List<ExportedTree>(ensemble.Trees.Count);
        foreach (var tree in ensemble.Trees)
        {
            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new InvalidOperationException("The trained ensemble has a categorical split; only numerical splits are exported.");
            }

            trees.Add(tree.NumberOfLeaves < 2
                ? ConstantTree(tree.LeafValues.Count > 0 ? tree.LeafValues[0] : 0.0)
                : new ExportedTree
                {
                    SplitFeatures = [.. tree.NumericalSplitFeatureIndexes],
                    Thresholds = [.. tree.NumericalSplitThresholds],
                    LeftChild = [.. tree.LeftChild],
                    RightChild = [.. tree.RightChild],
                    LeafValues = [.. tree.LeafValues],
                    SplitGains = [.. tree.SplitGains],
                });
        }

        return new ExportedEnsemble
        {
            Trees = trees,
            TreeWeights = [.. ensemble.TreeWeights],
            Bias = ensemble.Bias,
            PlattSlope = model.Calibrator.Slope,
            PlattOffset = model.Calibrator.Offset,
        };
    }

    // Microsoft.ML keeps a constant tree as two equal leaves under a split on feature 0; the export does the same, so
    // every tree has at least one split.
    private static ExportedTree ConstantTree(double value) => new()
    {
        SplitFeatures = [0],
        Thresholds = [0f],
        LeftChild = [~0],
        RightChild = [~1],
        LeafValues = [value, value],
        SplitGains = [0.0],
    };
}
