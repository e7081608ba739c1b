using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arbitrex.MlLayer.Worker.Json;

/// <summary>
/// Says what was wrong with a JSON body in words, naming the field by its JSON path: never the
/// serializer's own text, which names .NET types (<c>System.String[]</c>) and internals.
/// </summary>
internal static partial class JsonProblemText
{
    /// <summary>The field at fault (<c>body</c> when the body as a whole is) and what was wrong with it.</summary>
    public static (string Field, string Message) Describe(JsonException exception, string? fieldPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? null : exception.Path.TrimStart('$', '.');
        var field = Join(fieldPrefix, path) ?? "body";
        var text = exception.Message;
        var position = exception.LineNumber is { } line && exception.BytePositionInLine is { } column
            ? $" (line {line + 1}, position {column + 1})"
            : string.Empty;

        if (exception.InnerException?.GetType().Name == "JsonReaderException")
        {
            return BareLiteral().IsMatch(text) && path is not null
                ? (field, $"{field} holds a bare NaN or Infinity, which is not JSON: send a number{position}")
                : ("body", $"the request body is not valid JSON{position}");
        }

        if (MissingRequired().Match(text) is { Success: true } missing)
        {
            var name = Join(Join(fieldPrefix, path), missing.Groups["name"].Value)!;
            return (name, $"{name} is required");
        }

        if (NotNull().Match(text) is { Success: true } notNull)
        {
            var name = path is null ? Join(fieldPrefix, notNull.Groups["name"].Value)! : field;
            return (name, $"{name} must not be null");
        }

        if (ConvertTo().Match(text) is { Success: true } convert)
        {
            var expected = Expected(convert.Groups["type"].Value);
            return (field, $"{field} must be {(expected == AnObject ? ExpectedByReader(exception.InnerException?.Message) ?? expected : expected)}");
        }

        return (field, $"{field} could not be read{position}");
    }

    private const string AnObject = "a JSON object";

    private static string? Join(string? prefix, string? path) =>
        string.IsNullOrEmpty(prefix) ? path : string.IsNullOrEmpty(path) ? prefix : path.StartsWith('[') ? prefix + path : prefix + "." + path;

    /// <summary>
    /// What the reader wanted, from the reader's own error: source-generated metadata names the object that holds a
    /// member, not the member's type, when a number, string or boolean member cannot be read.
    /// </summary>
    private static string? ExpectedByReader(string? readerError) =>
        readerError is null ? null : ReaderWanted().Match(readerError) switch
        {
            { Success: false } => null,
            var m when m.Groups["date"].Success => "an ISO 8601 date-time string",
            var m when m.Groups["whole"].Success => "a whole number",
            var m => m.Groups["token"].Value switch
            {
                "boolean" => "true or false",
                "string" => "a string",
                _ => "a number",
            },
        };

    /// <summary>A .NET type the serializer wanted, as a JSON shape.</summary>
    private static string Expected(string type) => type switch
    {
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Int32" or "System.Int64" or "System.Int16" or "System.UInt32" or "System.UInt64" or "System.Byte" => "a whole number",
        "System.DateTime" or "System.DateTimeOffset" => "an ISO 8601 date-time string",
        "System.TimeSpan" => "a duration string such as \"00:05:00\"",
        _ when type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("List`1", StringComparison.Ordinal) || type.Contains("Enumerable`1", StringComparison.Ordinal) =>
            type.Contains("System.String", StringComparison.Ordinal) ? "an array of strings" : "an array",
        _ when type.Contains("Dictionary`2", StringComparison.Ordinal) =>
            type.Contains("System.Double", StringComparison.Ordinal) ? "an object whose values are numbers" : "an object",
        _ => AnObject,
    };

    [GeneratedRegex(@"'(N|I|-)' is an invalid start of a value|'(NaN|Infinity|-Infinity)'", RegexOptions.CultureInvariant)]
    private static partial Regex BareLiteral();

    [GeneratedRegex(@"missing required properties,? including: '(?<name>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"(property or field|constructor parameter) '(?<name>[^']+)' on type '[^']+' doesn't allow (getting |setting )?null values", RegexOptions.CultureInvariant)]
    private static partial Regex NotNull();

    [GeneratedRegex(@"as a (?<token>number|boolean|string)\.|out of bounds for an? (Double|Single|Decimal)|out of bounds for an? (?<whole>U?Int\d+|S?Byte)|(?<date>DateTime(Offset)? format)", RegexOptions.CultureInvariant)]
    private static partial Regex ReaderWanted();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.( Path:|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertTo();
}
