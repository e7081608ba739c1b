namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>A tree cannot be evaluated: malformed, or deeper than <see cref="TreeEnsembleBuilder.MaxTreeDepth"/>. Readers turn it into their own refusal.</summary>
internal sealed class TreeStructureException : Exception
{
    public TreeStructureException()
    {
    }

    public TreeStructureException(string message)
        : base(message)
    {
    }

    public TreeStructureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TreeStructureException(string message, bool tooDeep)
        : base(message)
    {
        TooDeep = tooDeep;
    }

    public bool TooDeep { get; }
}
