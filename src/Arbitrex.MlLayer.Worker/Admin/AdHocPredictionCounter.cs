namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Counts ad-hoc (what-if) predictions by endpoint and outcome, apart from the live monitor: they never feed
/// the live metrics, decision history or alert rules, so ad-hoc traffic can neither raise nor hide a
/// production alert. Exported as <c>ml_layer_adhoc_predictions_total{endpoint, outcome}</c> (see <see cref="Read"/>).
/// Thread-safe.
/// </summary>
public sealed class AdHocPredictionCounter
{
    private static readonly int OutcomeCount = Enum.GetValues<AdHocOutcome>().Length;

    private readonly long[] _counts = new long[Enum.GetValues<AdHocEndpoint>().Length * OutcomeCount];

    public void Record(AdHocEndpoint endpoint, AdHocOutcome outcome) => Interlocked.Increment(ref _counts[Index(endpoint, outcome)]);

    public long Count(AdHocEndpoint endpoint, AdHocOutcome outcome) => Interlocked.Read(ref _counts[Index(endpoint, outcome)]);

    /// <summary>Every (endpoint, outcome) with its count, as Prometheus label values (<c>predict</c>, <c>batch_predict</c>; <c>allowed</c>, <c>suppressed</c>, <c>refused</c>, <c>rate_limited</c>).</summary>
    public IReadOnlyList<(string Endpoint, string Outcome, long Count)> Read()
    {
        var result = new List<(string, string, long)>(_counts.Length);
        foreach (var endpoint in Enum.GetValues<AdHocEndpoint>())
        {
            foreach (var outcome in Enum.GetValues<AdHocOutcome>())
            {
                result.Add((Label(endpoint), Label(outcome), Count(endpoint, outcome)));
            }
        }

        return result;
    }

    public static string Label(AdHocEndpoint endpoint) => endpoint == AdHocEndpoint.Predict ? "predict" : "batch_predict";

    public static string Label(AdHocOutcome outcome) => outcome switch
    {
        AdHocOutcome.Allowed => "allowed",
        AdHocOutcome.Suppressed => "suppressed",
        AdHocOutcome.Refused => "refused",
        _ => "rate_limited",
    };

    /// <summary>The counts as <c>GET /metrics</c> shows them: endpoint, then outcome.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ByEndpoint()
    {
        var result = new SortedDictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var endpoint in Enum.GetValues<AdHocEndpoint>())
        {
            result[Label(endpoint)] = new SortedDictionary<string, long>(
                Enum.GetValues<AdHocOutcome>().ToDictionary(Label, outcome => Count(endpoint, outcome)), StringComparer.Ordinal);
        }

        return result;
    }

    private static int Index(AdHocEndpoint endpoint, AdHocOutcome outcome) => ((int)endpoint * OutcomeCount) + (int)outcome;
}
