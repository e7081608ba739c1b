using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Benchmarks.BareKestrel;

/// <summary>
/// The one decision the audited mode logs for every request: the worker's answer to a <c>/predict</c> body,
/// with that body's features and QSE gates, so the record is the same size and shape as the worker's.
/// </summary>
internal sealed record AuditedDecision(string Directory, MlDecision Decision, IReadOnlyDictionary<string, double> Features, QseOutput Qse)
{
    public static AuditedDecision? FromConfiguration(IConfiguration configuration)
    {
        var directory = configuration["Audit:Directory"];
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        using var answer = JsonDocument.Parse(File.ReadAllBytes(Required(configuration, "Audit:Response")));
        var decision = answer.RootElement.GetProperty("prediction").Deserialize(ContractJson.Options.TypeInfo<MlDecision>())
            ?? throw new InvalidDataException("The response's prediction is null.");

        using var request = JsonDocument.Parse(File.ReadAllBytes(Required(configuration, "Audit:Request")));
        var body = request.RootElement;
        var features = body.GetProperty("features").Deserialize(ContractJson.Options.TypeInfo<Dictionary<string, double>>())
            ?? throw new InvalidDataException("The request's features are null.");
        var qse = body.GetProperty("qse_output");
        return new AuditedDecision(directory, decision, features, new QseOutput
        {
            Symbol = decision.Symbol,
            Timeframe = decision.Timeframe,
            BarTime = decision.BarTime,
            SignalValid = qse.GetProperty("signal_valid").GetBoolean(),
            Gates = qse.GetProperty("gates").Deserialize(ContractJson.Options.TypeInfo<QseGates>())
                ?? throw new InvalidDataException("The request's QSE gates are null."),
        });
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"--{key} is required with --Audit:Directory.");
}
