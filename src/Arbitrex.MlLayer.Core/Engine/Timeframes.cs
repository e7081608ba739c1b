namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>The bar timeframes the engine accepts (M = minutes, H = hours, D = day, W = week).</summary>
public static class Timeframes
{
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "1M", "5M", "15M", "30M", "1H", "2H", "4H", "8H", "12H", "1D", "1W",
    };
}
