using System.Buffers;
using System.Text;
using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditOutcomeBodyTests
{
    private static readonly DateTime Timestamp = new(2025, 12, 23, 8, 0, 2, 100, DateTimeKind.Utc);

    private static readonly AuditedOutcome[] Outcomes =
    [
        Outcome(),
        Outcome() with { RealizedReturn = null, ClosedAt = null, Success = false, Allowed = false },
        Outcome() with { RealizedReturn = -1.25e-7, SignalProb = 1.0 / 3, ClosedAt = new DateTime(2025, 12, 23, 8, 0, 0, 123, DateTimeKind.Utc).AddTicks(4567) },
        Outcome() with { SignalProb = double.NaN, RealizedReturn = double.PositiveInfinity },
        Outcome() with
        {
            DecisionId = "id \"quoted\" <tag> & é ✓",
            Regime = "TRENDING\n",
            ModelVersions = new Dictionary<string, string> { ["signal_filter"] = "v<1>\"x\"", ["é"] = "\u0001", ["regime_classifier"] = "v1.0.0_rule_based" },
            ConfigHash = string.Empty,
        },
        Outcome() with { ModelVersions = new Dictionary<string, string>() },
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_outcome_body_is_byte_for_byte_the_serialisers(int example)
    {
        var outcome = Outcomes[example];
        var written = AuditLineFormat.RentOutcomeBody(AuditRecordTypes.Outcome, Timestamp, outcome, out var writtenLength);
        var serialised = AuditLineFormat.RentEventBody(AuditRecordTypes.Outcome, Timestamp, outcome, out var serialisedLength);
        try
        {
            Assert.Equal(
                Encoding.UTF8.GetString(serialised, 0, serialisedLength),
                Encoding.UTF8.GetString(written, 0, writtenLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(written);
            ArrayPool<byte>.Shared.Return(serialised);
        }
    }

    private static AuditedOutcome Outcome() => new()
    {
        DecisionId = "0123456789abcdef0123456789abcdef",
        Symbol = "EURUSD",
        Timeframe = "4H",
        BarTime = new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc),
        Success = true,
        RealizedReturn = 0.0123,
        ClosedAt = new DateTime(2025, 12, 23, 8, 0, 0, DateTimeKind.Utc),
        SignalProb = 0.71,
        Allowed = true,
        Regime = "TRENDING",
        ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0_rule_based", ["signal_filter"] = "v1.1.0" },
        ConfigHash = "cafebabe",
    };
}
