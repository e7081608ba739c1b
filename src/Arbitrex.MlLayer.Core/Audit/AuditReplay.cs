using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Re-runs decisions over logged inputs and reports the ones that come out differently: a check that a
/// config or model change does what it should, or, with the same config, that the log reproduces.
/// </summary>
/// <remarks>
/// Records are replayed in log order through one engine, so that state the engine keeps per
/// <c>(symbol, timeframe)</c> (regime smoothing) evolves as it did live; pass an engine that has seen no
/// traffic. A decision is compared on <c>allow_trade</c>, regime label and reasons.
/// </remarks>
public sealed class AuditReplay
{
    private readonly Func<AuditRecord, MlDecision> decide;

    /// <summary>
    /// Replays with <see cref="IInferenceEngine.Predict"/> (<see cref="IInferenceEngine.PredictStateless"/> for HTTP
    /// records) on each record's bar key, features and QSE output.
    /// </summary>
    public AuditReplay(IInferenceEngine engine)
        : this(Predictor(engine))
    {
    }

    /// <summary>Replays with <paramref name="decide"/>, called only for records that carry both inputs.</summary>
    public AuditReplay(Func<AuditRecord, MlDecision> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        this.decide = decide;
    }

    /// <summary>Replays the records of an audit file or folder (see <see cref="AuditLogReader.Read"/>).</summary>
    public AuditReplayReport Run(string fileOrFolder, int maxListed = 1000, CancellationToken cancellationToken = default) =>
        Run(AuditLogReader.Read(fileOrFolder), maxListed, cancellationToken);

    /// <summary>Replays <paramref name="records"/> in the order given, listing at most <paramref name="maxListed"/> changes and refusals.</summary>
    public AuditReplayReport Run(IEnumerable<AuditRecord> records, int maxListed = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegative(maxListed);
        var changes = new List<AuditReplayChange>();
        var refusals = new List<AuditReplayFailure>();
        long total = 0, replayed = 0, changed = 0, allowChanged = 0, regimeChanged = 0, reasonsChanged = 0, notReplayable = 0, refused = 0;
        // A shadow decision was made by a model that did not decide the bar: it is not the log's to reproduce.
        foreach (var record in records.Where(r => r.Source != DecisionSource.Shadow))
        {
            cancellationToken.ThrowIfCancellationRequested();
            total++;
            if (!record.HasInputs)
            {
                notReplayable++;
                continue;
            }

            MlDecision after;
            try
            {
                after = decide(record);
            }
            catch (InvalidInputException ex)
            {
                refused++;
                if (refusals.Count < maxListed)
                {
                    refusals.Add(new AuditReplayFailure { Sequence = record.Sequence, DecisionId = record.DecisionId, Field = ex.Field, Error = ex.Message });
                }

                continue;
            }

            replayed++;
            var change = new AuditReplayChange
            {
                Sequence = record.Sequence,
                DecisionId = record.DecisionId,
                Symbol = record.Symbol,
                Timeframe = record.Timeframe,
                BarTime = record.BarTime,
                AllowedBefore = record.Allowed,
                AllowedAfter = after.AllowTrade,
                RegimeBefore = record.Regime,
                RegimeAfter = after.Regime.RegimeLabel,
                SignalProbBefore = record.SignalProb,
                SignalProbAfter = after.Signal.SuccessProbability,
                ReasonsBefore = record.DecisionReasons,
                ReasonsAfter = after.DecisionReasons,
            };
            if (!change.AllowChanged && !change.RegimeChanged && !change.ReasonsChanged)
            {
                continue;
            }

            changed++;
            allowChanged += change.AllowChanged ? 1 : 0;
            regimeChanged += change.RegimeChanged ? 1 : 0;
            reasonsChanged += change.ReasonsChanged ? 1 : 0;
            if (changes.Count < maxListed)
            {
                changes.Add(change);
            }
        }

        return new AuditReplayReport
        {
            Records = total,
            Replayed = replayed,
            Changed = changed,
            AllowChanged = allowChanged,
            RegimeChanged = regimeChanged,
            ReasonsChanged = reasonsChanged,
            NotReplayable = notReplayable,
            Refused = refused,
            Changes = changes,
            Refusals = refusals,
        };
    }

    private static Func<AuditRecord, MlDecision> Predictor(IInferenceEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        // An HTTP what-if is stateless by default (a record does not say whether it asked for the live state),
        // and it neither read nor moved the live smoothing, so it must not in the replay either.
        return record => record.Source == DecisionSource.Http
            ? engine.PredictStateless(record.Symbol, record.Timeframe, record.BarTime, record.Features!, record.ToQseOutput()!)
            : engine.Predict(record.Symbol, record.Timeframe, record.BarTime, record.Features!, record.ToQseOutput()!);
    }
}
