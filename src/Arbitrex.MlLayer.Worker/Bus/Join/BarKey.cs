using System.Globalization;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>Identifies one bar: <c>(symbol, timeframe, bar_time UTC)</c>.</summary>
public readonly record struct BarKey(string Symbol, string Timeframe, DateTime BarTime)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Symbol}|{Timeframe}|{BarTime:yyyy-MM-ddTHH:mm:ssZ}");
}
