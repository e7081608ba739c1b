using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Decisions;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Ad-hoc predictions over HTTP: the same engine and audit as the bus, as a what-if. By default stateless
/// (<see cref="IInferenceEngine.PredictStateless"/>: no smoothing state read or moved); a request with
/// <c>"use_live_state": true</c> reads the live smoothing without moving it (<see cref="IInferenceEngine.Preview"/>).
/// Counted by <see cref="AdHocPredictionCounter"/>, never by the live monitor.
/// </summary>
internal sealed class AdminPredictionService(IInferenceEngine engine, DecisionRecorder recorder, AdHocPredictionCounter counter, TimeProvider time)
{
    /// <exception cref="RequestProblem">A field is missing or invalid; nothing was recorded.</exception>
    public async Task<MlDecision> PredictAsync(PredictRequest request, AdHocEndpoint endpoint, CancellationToken cancellationToken)
    {
        MlDecision decision;
        PredictRequestParts parts;
        try
        {
            parts = Parts(request);
            decision = request.UseLiveState == true
                ? engine.Preview(parts.Symbol, parts.Timeframe, parts.BarTime, parts.Features, parts.Qse)
                : engine.PredictStateless(parts.Symbol, parts.Timeframe, parts.BarTime, parts.Features, parts.Qse);
        }
        catch (InvalidInputException ex)
        {
            counter.Record(endpoint, AdHocOutcome.Refused);
            throw new RequestProblem(ex.Field, ex.Message);
        }
        catch (RequestProblem)
        {
            counter.Record(endpoint, AdHocOutcome.Refused);
            throw;
        }

        await recorder.RecordAsync(decision, parts.Features, parts.Qse, endpoint, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>Counts a batch item that did not even parse as a predict body.</summary>
    public void CountUnreadable(AdHocEndpoint endpoint) => counter.Record(endpoint, AdHocOutcome.Refused);

    private PredictRequestParts Parts(PredictRequest request)
    {
        var symbol = Required(request.Symbol, "symbol");
        var timeframe = Required(request.Timeframe, "timeframe");
        var features = request.Features ?? throw new RequestProblem("features", "features is required");
        var qseInput = request.QseOutput ?? throw new RequestProblem("qse_output", "qse_output is required");
        var barTime = request.BarTime ?? CurrentMinute();
        var qse = new QseOutput
        {
            Symbol = qseInput.Symbol ?? symbol,
            Timeframe = qseInput.Timeframe ?? timeframe,
            BarTime = qseInput.BarTime ?? barTime,
            SignalValid = qseInput.SignalValid ?? throw new RequestProblem("qse_output.signal_valid", "qse_output.signal_valid is required"),
            Gates = qseInput.Gates ?? throw new RequestProblem("qse_output.gates", "qse_output.gates is required"),
        };
        return new PredictRequestParts(symbol, timeframe, barTime, features, qse);
    }

    private DateTime CurrentMinute()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestProblem(field, field + " is required") : value;

    private readonly record struct PredictRequestParts(string Symbol, string Timeframe, DateTime BarTime, IReadOnlyDictionary<string, double> Features, QseOutput Qse);
}
