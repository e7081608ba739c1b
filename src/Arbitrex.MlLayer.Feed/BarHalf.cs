using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Feed;

/// <summary>One message to publish: exactly one of the two halves.</summary>
internal sealed record BarHalf(FeatureSnapshot? Features, QseOutput? Qse)
{
    public string BarKey => Features is not null
        ? Key(Features.Symbol, Features.Timeframe, Features.BarTime)
        : Key(Qse!.Symbol, Qse.Timeframe, Qse.BarTime);

    public static string Key(string symbol, string timeframe, DateTime barTime) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{symbol}|{timeframe}|{barTime.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}");
}
