using System.Text;

namespace Arbitrex.MlLayer.Worker.Bus.Inbound;

/// <summary>
/// Python's <c>json.dumps</c> writes non-finite floats as bare <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>,
/// which is not JSON. Quoting them (outside strings) lets the contract's named-literal handling read them,
/// so the message is refused with the feature's name instead of a parse error.
/// </summary>
internal static class PythonJsonLiterals
{
    private static readonly byte[][] Literals = [Encoding.ASCII.GetBytes("-Infinity"), Encoding.ASCII.GetBytes("Infinity"), Encoding.ASCII.GetBytes("NaN")];

    public static byte[] Quote(ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAny("NI"u8) < 0)
        {
            return json.ToArray();
        }

        var output = new List<byte>(json.Length + 16);
        var inString = false;
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

            if (b == (byte)'"')
            {
                inString = true;
                output.Add(b);
                continue;
            }

            var literal = LiteralAt(json[i..]);
            if (literal is null)
            {
                output.Add(b);
                continue;
            }

            output.Add((byte)'"');
            output.AddRange(literal);
            output.Add((byte)'"');
            i += literal.Length - 1;
        }

        return [.. output];
    }

    private static byte[]? LiteralAt(ReadOnlySpan<byte> rest)
    {
        foreach (var literal in Literals)
        {
            if (rest.StartsWith(literal))
            {
                return literal;
            }
        }

        return null;
    }
}
