using Arbitrex.MlLayer.Core.Monitoring.Quality;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

/// <summary>Scored outcomes for the live quality tests: seeded, with tied probabilities on a 0.01 grid.</summary>
internal static class Outcomes
{
    public static readonly DateTimeOffset Start = new(2025, 12, 22, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] Regimes = ["TRENDING", "RANGING", "STRESSED"];

    public static ScoredOutcome Make(
        double probability,
        bool success,
        bool allowTrade = true,
        string regime = "TRENDING",
        string version = "v1.0.0",
        DateTimeOffset? recordedAt = null) => new(
            DecisionId: Guid.NewGuid().ToString("N"),
            SignalFilterVersion: version,
            RegimeClassifierVersion: "v1.0.0_rule_based",
            Regime: regime,
            SuccessProbability: probability,
            AllowTrade: allowTrade,
            Success: success,
            RealizedReturn: null,
            BarTime: (recordedAt ?? Start).UtcDateTime.AddHours(-4),
            RecordedAt: (recordedAt ?? Start).UtcDateTime);

    /// <summary>
    /// <paramref name="count"/> outcomes whose success is drawn with the probability's odds (so the AUC is well
    /// above one half), probabilities on a 0.01 grid (many ties) plus some at exactly 0 and 1 (log-loss clipping),
    /// never on an inner calibration edge (0.1 … 0.9), where scikit-learn 1.2's bins close on the right and these close on the left.
    /// </summary>
    public static List<ScoredOutcome> Random(int count, int seed, Func<int, DateTimeOffset>? recordedAt = null, string version = "v1.0.0")
    {
        var random = new Random(seed);
        var outcomes = new List<ScoredOutcome>(count);
        for (var i = 0; i < count; i++)
        {
            var p = i % 50 == 7 ? 0.0 : i % 50 == 13 ? 1.0 : Math.Round(random.NextDouble(), 2);
            if (p is > 0 and < 1 && Math.Round(p * 10) / 10 == p)
            {
                p += 0.01;
            }

            // Some confident misses at 0 and 1, so the log-loss depends on the clipping.
            var success = p is 0.0 or 1.0 ? random.Next(2) == 0 : random.NextDouble() < (0.2 + (0.6 * p));
            outcomes.Add(Make(
                p,
                success,
                allowTrade: p > 0.45 || random.Next(4) == 0,
                regime: Regimes[random.Next(Regimes.Length)],
                version: version,
                recordedAt: recordedAt?.Invoke(i)));
        }

        return outcomes;
    }
}
