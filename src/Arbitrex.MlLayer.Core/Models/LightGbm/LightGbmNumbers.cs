using System.Globalization;

namespace Arbitrex.MlLayer.Core.Models.LightGbm;

/// <summary>Numbers as LightGBM writes them: <c>%.17g</c> doubles (round-trip exact), and <c>inf</c>/<c>-inf</c>/<c>nan</c>.</summary>
internal static class LightGbmNumbers
{
    public static bool TryParseDouble(string text, out double value)
    {
        switch (text)
        {
            case "inf" or "+inf" or "Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-Infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan" or "-nan" or "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
