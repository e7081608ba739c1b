using System.Globalization;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>The bar timeframes the engine accepts (M = minutes, H = hours, D = day, W = week).</summary>
public static class Timeframes
{
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "1M", "5M", "15M", "30M", "1H", "2H", "4H", "8H", "12H", "1D", "1W",
    };

    /// <summary>The length of one bar of a supported timeframe.</summary>
    /// <exception cref="ArgumentException"><paramref name="timeframe"/> is not in <see cref="Supported"/>.</exception>
    public static TimeSpan Length(string timeframe)
    {
        ArgumentException.ThrowIfNullOrEmpty(timeframe);
        if (!Supported.Contains(timeframe))
        {
            throw new ArgumentException($"timeframe '{timeframe}' is not one of {string.Join(", ", Supported)}", nameof(timeframe));
        }

        var count = int.Parse(timeframe.AsSpan(0, timeframe.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return timeframe[^1] switch
        {
            'M' => TimeSpan.FromMinutes(count),
            'H' => TimeSpan.FromHours(count),
            'D' => TimeSpan.FromDays(count),
            _ => TimeSpan.FromDays(7 * count),
        };
    }
}
