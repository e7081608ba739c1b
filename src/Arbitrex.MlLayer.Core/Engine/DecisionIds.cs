using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// The <c>decision_id</c> of a bar: the first 128 bits of SHA-256 over <c>SYMBOL|TIMEFRAME|bar_time</c>
/// (bar_time as round-trip UTC), as 32 lower-case hex characters. Same bar, same id, on any worker.
/// </summary>
public static class DecisionIds
{
    private const int MaxKeyChars = 128;

    public static string For(string symbol, string timeframe, DateTime barTimeUtc)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(timeframe);

        // Built on the stack: this runs once per decision.
        Span<char> key = stackalloc char[MaxKeyChars];
        if (!key.TryWrite(CultureInfo.InvariantCulture, $"{symbol}|{timeframe}|{barTimeUtc.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffffffZ}", out var length))
        {
            return ForLongKey(symbol, timeframe, barTimeUtc);
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyChars * 3];
        var byteCount = Encoding.UTF8.GetBytes(key[..length], utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..byteCount], hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static string ForLongKey(string symbol, string timeframe, DateTime barTimeUtc)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{symbol}|{timeframe}|{barTimeUtc.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffffffZ}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
