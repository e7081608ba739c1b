namespace Arbitrex.MlLayer.Core.Json;

/// <summary>
/// Python's <c>json.dumps</c> and xgboost write non-finite floats as bare <c>NaN</c>, <c>Infinity</c>,
/// <c>-Infinity</c>, which is not JSON. Quoting them (outside strings) lets System.Text.Json's
/// named-literal handling read them, so a refusal can name the value instead of failing to parse.
/// </summary>
public static class NonFiniteJsonLiterals
{
    /// <summary>A copy with the bare literals quoted, or null when there are none (the input can be used as it is).</summary>
    public static byte[]? Quote(ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAny("NI"u8) < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> nan = "NaN"u8;
        ReadOnlySpan<byte> infinity = "Infinity"u8;
        var output = new List<byte>(json.Length + 64);
        var inString = false;
        var found = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                output.Add(b);
                if (b == (byte)'\\' && i + 1 < json.Length)
                {
                    output.Add(json[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            var literalLength = json[i..].StartsWith(nan) ? nan.Length
                : json[i..].StartsWith(infinity) ? infinity.Length
                : b == (byte)'-' && json[(i + 1)..].StartsWith(infinity) ? infinity.Length + 1
                : 0;
            if (literalLength > 0)
            {
                found = true;
                output.Add((byte)'"');
                output.AddRange(json.Slice(i, literalLength));
                output.Add((byte)'"');
                i += literalLength - 1;
                continue;
            }

            inString = b == (byte)'"';
            output.Add(b);
        }

        return found ? [.. output] : null;
    }
}
