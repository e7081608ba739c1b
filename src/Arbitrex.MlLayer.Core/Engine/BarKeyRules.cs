using System.Buffers;
using System.Globalization;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// The bar key (symbol, timeframe, bar_time) the engine accepts. Public so that a message reader can refuse a
/// key at once, with the engine's own reason, instead of holding a half the engine will refuse later.
/// </summary>
public static class BarKeyRules
{
    private const int MaxSymbolLength = 32;

    private static readonly SearchValues<char> SymbolCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-/");

    /// <summary>Checks the bar key and returns bar_time in UTC.</summary>
    /// <exception cref="InvalidInputException">The symbol, timeframe or bar_time is missing or invalid; <see cref="InvalidInputException.Field"/> names it.</exception>
    public static DateTime Validate(string symbol, string timeframe, DateTime barTime)
    {
        if (string.IsNullOrWhiteSpace(symbol))
        {
            throw new InvalidInputException("symbol", "symbol is required");
        }

        if (symbol.Length > MaxSymbolLength || symbol.AsSpan().ContainsAnyExcept(SymbolCharacters))
        {
            throw new InvalidInputException("symbol", $"symbol '{symbol}' must be 1-{MaxSymbolLength} ASCII letters, digits, '_', '-' or '/'");
        }

        if (string.IsNullOrWhiteSpace(timeframe))
        {
            throw new InvalidInputException("timeframe", "timeframe is required");
        }

        if (!Timeframes.Supported.Contains(timeframe))
        {
            throw new InvalidInputException("timeframe", $"timeframe '{timeframe}' is not one of {string.Join(", ", Timeframes.Supported)}");
        }

        return barTime.Kind switch
        {
            _ when barTime == default => throw new InvalidInputException("bar_time", "bar_time is required"),
            DateTimeKind.Utc => barTime,
            DateTimeKind.Local => barTime.ToUniversalTime(),
            _ => throw new InvalidInputException("bar_time", "bar_time must be ISO-8601 with a UTC offset, e.g. 2025-12-22T12:00:00Z"),
        };
    }

    /// <summary>
    /// Refuses a bar more than the allowed skew (<see cref="BarTimeOptions.AllowedSkew"/>) ahead of
    /// <paramref name="nowUtc"/>. The engine applies it to every bar it decides; a message reader may apply it
    /// too, to refuse a far-future half at once instead of holding it for its partner.
    /// </summary>
    /// <exception cref="InvalidInputException">The bar is too far ahead; <see cref="InvalidInputException.Field"/> is <c>bar_time</c>.</exception>
    public static void RequireNotAhead(string timeframe, DateTime barTimeUtc, DateTime nowUtc, BarTimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowed = options.AllowedSkew(timeframe);
        var ahead = barTimeUtc - nowUtc;
        if (ahead > allowed)
        {
            throw new InvalidInputException("bar_time", string.Create(
                CultureInfo.InvariantCulture,
                $"bar_time {barTimeUtc:O} is {ahead:c} ahead of the clock ({nowUtc:O}); at most {allowed:c} is allowed (Engine:MaxBarTimeSkew)"));
        }
    }
}
