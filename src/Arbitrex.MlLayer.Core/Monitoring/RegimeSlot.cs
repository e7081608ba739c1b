namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>Maps a regime label to a fixed counter slot without allocating.</summary>
internal static class RegimeSlot
{
    public const string Trending = "TRENDING";
    public const string Ranging = "RANGING";
    public const string Stressed = "STRESSED";
    public const string Other = "OTHER";

    public const int Count = 4;

    public static IReadOnlyList<string> Labels { get; } = [Trending, Ranging, Stressed, Other];

    public static int Of(string? label) => label switch
    {
        Trending => 0,
        Ranging => 1,
        Stressed => 2,
        _ => 3,
    };
}
