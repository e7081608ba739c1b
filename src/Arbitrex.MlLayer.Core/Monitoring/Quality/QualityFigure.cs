namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>One live quality figure and the number of outcomes behind it.</summary>
/// <param name="Value">The figure; null unless <paramref name="Status"/> is <see cref="QualityStatus.Ok"/>.</param>
/// <param name="Count">The outcomes it is computed from (for the hit rate: the allowed trades).</param>
/// <param name="Status">One of <see cref="QualityStatus"/>.</param>
public sealed record QualityFigure(double? Value, long Count, string Status)
{
    public static QualityFigure Of(double value, long count) => new(value, count, QualityStatus.Ok);

    public static QualityFigure Insufficient(long count) => new(null, count, QualityStatus.Insufficient);

    public static QualityFigure Undefined(long count) => new(null, count, QualityStatus.Undefined);
}
