using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Arbitrex.MlLayer.Core.Hashing;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// The <c>decision_id</c> of a bar: the first 128 bits of SHA-256 over <c>SYMBOL|TIMEFRAME|bar_time</c>
/// (bar_time as round-trip UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>), as 32 lower-case hex characters.
/// Same bar, same id, on any worker.
/// </summary>
public static class DecisionIds
{
    private const int MaxKeyBytes = 256;

    public static string For(string symbol, string timeframe, DateTime barTimeUtc)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(timeframe);

        // Written as UTF-8 straight onto the stack: this runs once per decision.
        Span<byte> utf8 = stackalloc byte[MaxKeyBytes];
        if (!Utf8.TryWrite(utf8, CultureInfo.InvariantCulture, $"{symbol}|{timeframe}|{barTimeUtc.ToUniversalTime():O}", out var byteCount))
        {
            return ForLongKey(symbol, timeframe, barTimeUtc);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ShortSha256.HashData(utf8[..byteCount], hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static string ForLongKey(string symbol, string timeframe, DateTime barTimeUtc)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{symbol}|{timeframe}|{barTimeUtc.ToUniversalTime():O}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
