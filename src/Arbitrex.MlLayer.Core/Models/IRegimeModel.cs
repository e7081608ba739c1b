namespace Arbitrex.MlLayer.Core.Models;

/// <summary>A regime classifier over a row of the 16 canonical features (in <c>CanonicalFeatures.All</c> order).</summary>
public interface IRegimeModel
{
    string Version { get; }

    string Kind { get; }

    /// <summary>The canonical features this model reads; a bar missing one is refused.</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>Parameters that change its behaviour, for the config hash.</summary>
    System.Text.Json.Nodes.JsonObject Describe();

    RegimeScores Classify(ReadOnlySpan<double> canonicalRow);
}
