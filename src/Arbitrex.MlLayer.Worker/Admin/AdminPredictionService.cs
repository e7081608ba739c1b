using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Decisions;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Ad-hoc predictions over HTTP: the same engine, audit and monitor path as the bus, as a what-if
/// (<see cref="IInferenceEngine.Preview"/>) that leaves the live regime smoothing as it was.
/// </summary>
internal sealed class AdminPredictionService(IInferenceEngine engine, DecisionRecorder recorder, TimeProvider time)
{
    /// <exception cref="RequestProblem">A field is missing or invalid; nothing was recorded.</exception>
    public async Task<MlDecision> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
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

        MlDecision decision;
        try
        {
            decision = engine.Preview(symbol, timeframe, barTime, features, qse);
        }
        catch (InvalidInputException ex)
        {
            throw new RequestProblem(ex.Field, ex.Message);
        }

        await recorder.RecordAsync(decision, features, qse, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    private DateTime CurrentMinute()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestProblem(field, field + " is required") : value;
}
