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
        var barTime = BarTimeOf(request.BarTime, qseInput.BarTime, timeframe);
        var qse = new QseOutput
        {
            Symbol = qseInput.Symbol ?? symbol,
            Timeframe = qseInput.Timeframe ?? timeframe,
            BarTime = barTime,
            SignalValid = qseInput.SignalValid ?? throw new RequestProblem("qse_output.signal_valid", "qse_output.signal_valid is required"),
            Gates = qseInput.Gates ?? throw new RequestProblem("qse_output.gates", "qse_output.gates is required"),
        };
        return new PredictRequestParts(symbol, timeframe, barTime, features, qse);
    }

    /// <summary>
    /// The bar a request is for: its <c>bar_time</c>, else the one inside <c>qse_output</c> (the seed's body sends
    /// the bar only there, as the QSE does), else the current bar; floored to the timeframe's grid, since a bar is
    /// named by its open time.
    /// </summary>
    private DateTime BarTimeOf(DateTime? requested, DateTime? fromQse, string timeframe)
    {
        if (requested is { } top && fromQse is { } inner && top.ToUniversalTime() != inner.ToUniversalTime())
        {
            throw new RequestProblem(
                "bar_time",
                $"bar_time {top:yyyy-MM-ddTHH:mm:ssZ} and qse_output.bar_time {inner:yyyy-MM-ddTHH:mm:ssZ} name different bars; send one of them, or the same time in both",
                "qse_output.bar_time");
        }

        var barTime = requested ?? fromQse ?? time.GetUtcNow().UtcDateTime;
        if (!Timeframes.Supported.Contains(timeframe) || barTime.Kind == DateTimeKind.Unspecified)
        {
            return barTime; // the engine refuses it with the reason
        }

        var utc = barTime.ToUniversalTime();
        var length = Timeframes.Length(timeframe).Ticks;
        return new DateTime(utc.Ticks - (utc.Ticks % length), DateTimeKind.Utc);
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestProblem(field, field + " is required") : value;

    private readonly record struct PredictRequestParts(string Symbol, string Timeframe, DateTime BarTime, IReadOnlyDictionary<string, double> Features, QseOutput Qse);
}
