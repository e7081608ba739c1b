using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Training.Data;

/// <summary>
/// Builds a labelled data set from production: the bus decisions of an audit log joined with their <c>outcome</c> records.
/// A row holds the 16 canonical features the engine read for the decision and the outcome's <c>success</c> as its label.
/// Decisions without an outcome, fail-closed decisions made without a feature snapshot, and HTTP what-ifs are left out.
/// The data set's SHA-256 is taken over the chain hashes of the decision and outcome records used, so the metadata names
/// exactly which audited records trained the model.
/// </summary>
public static class AuditDataSetReader
{
    /// <param name="directory">The audit folder (or one audit file).</param>
    /// <param name="since">Only bars from this time on (UTC, inclusive); null for no lower bound.</param>
    /// <param name="until">Only bars before this time (UTC, exclusive); null for no upper bound.</param>
    /// <exception cref="TrainingDataException">The audit log is missing or unreadable.</exception>
    public static LabelledDataSet Read(string directory, DateTime? since = null, DateTime? until = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        try
        {
            var outcomes = new Dictionary<string, (bool Success, string Hash)>(StringComparer.Ordinal);
            foreach (var outcome in AuditLogReader.ReadEvents(directory, AuditRecordTypes.Outcome))
            {
                var id = outcome.Line.GetProperty("decision_id").GetString()!;
                outcomes.TryAdd(id, (outcome.Line.GetProperty("success").GetBoolean(), outcome.Line.GetProperty("hash").GetString()!));
            }

            var joined = new List<(DateTime BarTime, double[] Features, bool Label, string DecisionHash, string OutcomeHash)>();
            var decided = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in AuditLogReader.Read(directory))
            {
                if (record.Source != DecisionSource.Bus
                    || record.Features is not { } features
                    || !outcomes.TryGetValue(record.DecisionId, out var outcome)
                    || (since is { } from && record.BarTime < from)
                    || (until is { } to && record.BarTime >= to)
                    || !decided.Add(record.DecisionId)
                    || Canonical(features) is not { } values)
                {
                    continue;
                }

                joined.Add((record.BarTime, values, outcome.Success, record.Hash, outcome.Hash));
            }

            // OrderBy is stable: decisions of one bar_time keep their audit order. A row's "line" is its place in time order.
            var ordered = joined.OrderBy(j => j.BarTime).ToList();
            return new LabelledDataSet
            {
                SourcePath = Path.GetFullPath(directory),
                Sha256 = Hash(ordered.Select(j => (j.DecisionHash, j.OutcomeHash))),
                Rows = [.. ordered.Select((j, i) => new TrainingRow(new DateTimeOffset(DateTime.SpecifyKind(j.BarTime, DateTimeKind.Utc)), j.Features, j.Label, i + 1))],
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TrainingDataException($"The audit log '{directory}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The canonical features in canonical order; null when one is missing or not usable (a row left out).</summary>
    private static double[]? Canonical(IReadOnlyDictionary<string, double> features)
    {
        var values = new double[CanonicalFeatures.All.Count];
        for (var f = 0; f < values.Length; f++)
        {
            if (!features.TryGetValue(CanonicalFeatures.All[f], out var value) || !double.IsFinite(value) || !float.IsFinite((float)value))
            {
                return null;
            }

            values[f] = value;
        }

        return values;
    }

    private static string Hash(IEnumerable<(string Decision, string Outcome)> records)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (decision, outcome) in records)
        {
            sha.AppendData(Encoding.ASCII.GetBytes(decision + "\n" + outcome + "\n"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
