namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>Wire labels of <see cref="MarketRegime"/> (<c>TRENDING</c>, <c>RANGING</c>, <c>STRESSED</c>).</summary>
public static class MarketRegimes
{
    public const string Trending = "TRENDING";
    public const string Ranging = "RANGING";
    public const string Stressed = "STRESSED";

    public static IReadOnlyList<string> Labels { get; } = [Trending, Ranging, Stressed];

    public static string Label(this MarketRegime regime) => Labels[(int)regime];

    public static bool TryParse(string? label, out MarketRegime regime)
    {
        for (var i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i], label, StringComparison.Ordinal))
            {
                regime = (MarketRegime)i;
                return true;
            }
        }

        regime = default;
        return false;
    }
}
