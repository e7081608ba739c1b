using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Training.Data;
using Microsoft.ML.Data;

namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>A row as Microsoft.ML reads it: the 16 canonical features as 32-bit floats, in canonical order, and the label.</summary>
public sealed class MlNetExample
{
    public const int FeatureCount = 16;

    [VectorType(FeatureCount)]
    public float[] Features { get; set; } = new float[FeatureCount];

    public bool Label { get; set; }

    public static MlNetExample From(TrainingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var features = new float[CanonicalFeatures.All.Count];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)row.Features[i];
        }

        return new MlNetExample { Features = features, Label = row.Label };
    }
}
