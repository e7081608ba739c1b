using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// What an outcome is joined with: a bus decision's bar, <c>signal.success_probability</c>, <c>allow_trade</c>, regime,
/// model versions and config hash; and whether its outcome is recorded, so a second one changes nothing.
/// </summary>
public sealed class ScorableDecision(
    string decisionId,
    BarKey bar,
    double signalProbability,
    bool allowed,
    string regime,
    IReadOnlyDictionary<string, string> modelVersions,
    string configHash)
{
    private readonly Lock _gate = new();
    private Task? _recording;
    private volatile bool _recorded;

    public string DecisionId { get; } = decisionId;

    public BarKey Bar { get; } = bar;

    public double SignalProbability { get; } = signalProbability;

    public bool Allowed { get; } = allowed;

    public string Regime { get; } = regime;

    public IReadOnlyDictionary<string, string> ModelVersions { get; } = modelVersions;

    public string ConfigHash { get; } = configHash;

    /// <summary>The signal filter version that made the decision; empty when the decision names none.</summary>
    public string SignalFilterVersion => ModelVersions.GetValueOrDefault(ModelNames.SignalFilter) ?? string.Empty;

    /// <summary>The regime classifier version that made the decision; empty when the decision names none.</summary>
    public string RegimeClassifierVersion => ModelVersions.GetValueOrDefault(ModelNames.RegimeClassifier) ?? string.Empty;

    /// <summary>An outcome for this decision is in the audit log (written by this process or read back at start).</summary>
    public bool OutcomeRecorded => _recorded;

    internal void MarkRecorded() => _recorded = true;

    /// <summary>
    /// Runs <paramref name="record"/> unless the outcome is recorded or being recorded (that recording is then awaited,
    /// and a failure of it thrown here too). True when this call recorded it, false for a duplicate.
    /// </summary>
    internal async Task<bool> RecordOnceAsync(Func<Task> record)
    {
        Task recording;
        bool mine;
        lock (_gate)
        {
            if (_recorded)
            {
                return false;
            }

            mine = _recording is null || _recording.IsFaulted || _recording.IsCanceled;
            if (mine)
            {
                _recording = RecordAsync(record);
            }

            recording = _recording!;
        }

        await recording.ConfigureAwait(false);
        return mine;
    }

    private async Task RecordAsync(Func<Task> record)
    {
        await record().ConfigureAwait(false);
        _recorded = true;
    }
}
