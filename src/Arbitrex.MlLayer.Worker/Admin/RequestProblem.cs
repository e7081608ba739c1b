namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>A request field that cannot be used, with the reason.</summary>
internal sealed class RequestProblem(string field, string detail) : Exception(detail)
{
    public string Field { get; } = field;

    public IDictionary<string, string[]> ToErrors() => new Dictionary<string, string[]> { [Field] = [Message] };
}
