using System.Buffers;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Reduces a decision or rejection reason to its category so counts have bounded cardinality:
/// the text before the first ':' or digit, trimmed ("Regime not allowed: RANGING" → "Regime not allowed",
/// "Signal probability 0.47 &lt;= 0.55" → "Signal probability"). No allocation.
/// </summary>
internal static class ReasonCategory
{
    public const string Unspecified = "unspecified";

    private static readonly SearchValues<char> Stops = SearchValues.Create(":0123456789");

    public static ReadOnlySpan<char> Of(string? reason)
    {
        var text = reason.AsSpan();
        var stop = text.IndexOfAny(Stops);
        if (stop >= 0)
        {
            text = text[..stop];
        }

        var end = text.Length;
        while (end > 0 && !char.IsLetter(text[end - 1]) && text[end - 1] != ')')
        {
            end--;
        }

        text = text[..end].TrimStart();
        return text.IsEmpty ? Unspecified : text;
    }
}
