namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>A request field that cannot be used, with the reason; <paramref name="relatedField"/> names a second
/// field when the problem is that the two disagree.</summary>
internal sealed class RequestProblem(string field, string detail, string? relatedField = null) : Exception(detail)
{
    public string Field { get; } = field;

    public IDictionary<string, string[]> ToErrors()
    {
        var errors = new Dictionary<string, string[]> { [Field] = [Message] };
        if (relatedField is not null)
        {
            errors[relatedField] = [Message];
        }

        return errors;
    }
}
