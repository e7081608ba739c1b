using System.Globalization;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>An inclusive, finite range of an input number; see <see cref="FeatureRanges"/>.</summary>
public readonly record struct FeatureRange(double Min, double Max)
{
    /// <summary>False for NaN and ±Infinity too.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Min}, {Max}]");
}
