namespace Arbitrex.MlLayer.Core.Models;

/// <summary>A signal filter over a row of the 16 canonical features (in <c>CanonicalFeatures.All</c> order).</summary>
public interface ISignalModel
{
    string Version { get; }

    string Kind { get; }

    /// <summary>The canonical features this model reads; a bar missing one is refused.</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>Parameters that change its behaviour, for the config hash.</summary>
    System.Text.Json.Nodes.JsonObject Describe();

    /// <summary>
    /// Success probability of the bar. Writes each canonical feature's signed contribution to the
    /// log-odds into <paramref name="contributions"/> (length 16), zero for features it does not read.
    /// An empty <paramref name="contributions"/> asks for the probability alone: the model then skips
    /// the explanation (for a tree ensemble, TreeSHAP, which costs far more than the prediction).
    /// </summary>
    double Predict(ReadOnlySpan<double> canonicalRow, Span<double> contributions);
}
