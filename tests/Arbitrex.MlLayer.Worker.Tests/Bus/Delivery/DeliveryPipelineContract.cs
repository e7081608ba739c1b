using System.Text;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Delivery;

/// <summary>
/// The end-to-end behaviour of the delivery pipeline, run unchanged against each transport (the embedded in-process
/// broker and a RabbitMQ node): what the transport is must not change what happens to a message.
/// </summary>
[Trait("Category", "Unit")]
public abstract class DeliveryPipelineContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private protected abstract Task<ITransportUnderTest> StartAsync();

    private static byte[] FeaturesJson(string symbol, double momentum = 0.4) => Bars.Json(Bars.Features(symbol, 0, momentum: momentum));

    private static byte[] QseJson(string symbol) => Bars.Json(Bars.Qse(symbol, 0));

    private static async Task<IReadOnlyList<MlDecision>> DecisionsAsync(ITransportUnderTest transport, string prefix, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (transport.Decisions(prefix).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return transport.Decisions(prefix);
    }

    [Fact]
    public async Task Both_halves_in_either_order_are_decided_once_per_bar()
    {
        await using var transport = await StartAsync();
        for (var bar = 0; bar < 10; bar++)
        {
            var symbol = "CTRJOIN" + bar;
            var (first, second) = bar % 2 == 0
                ? ((MessageExchanges.FeatureSnapshot, FeaturesJson(symbol)), (MessageExchanges.QseOutput, QseJson(symbol)))
                : ((MessageExchanges.QseOutput, QseJson(symbol)), (MessageExchanges.FeatureSnapshot, FeaturesJson(symbol)));
            await transport.PublishAsync(first.Item1, symbol + ".4H", first.Item2);
            await transport.PublishAsync(second.Item1, symbol + ".4H", second.Item2);
        }

        var decided = await DecisionsAsync(transport, "CTRJOIN", 10);

        Assert.Equal(10, decided.Select(d => d.DecisionId).Distinct().Count());
        Assert.Equal(10, decided.Count);
        Assert.All(decided, d => Assert.True(d.AllowTrade));
    }

    [Fact]
    public async Task A_malformed_message_goes_to_the_error_queue_with_its_reason_counted_and_good_bars_flow()
    {
        await using var transport = await StartAsync();
        await transport.PublishAsync(MessageExchanges.FeatureSnapshot, "CTRBAD.4H", Encoding.UTF8.GetBytes("{\"symbol\": "));
        await transport.PublishAsync(MessageExchanges.FeatureSnapshot, "CTRGOOD.4H", FeaturesJson("CTRGOOD"));
        await transport.PublishAsync(MessageExchanges.QseOutput, "CTRGOOD.4H", QseJson("CTRGOOD"));

        var reason = Assert.Single(await transport.ErrorReasonsAsync("CTRBAD", 1, Patience));
        await DecisionsAsync(transport, "CTRGOOD", 1);

        Assert.StartsWith("malformed JSON", reason, StringComparison.Ordinal);
        Assert.StartsWith("malformed JSON", Assert.Single(transport.Monitor.Rejections), StringComparison.Ordinal);
        Assert.Single(transport.Decisions("CTRGOOD"));
    }

    [Fact]
    public async Task A_routing_key_that_disagrees_with_the_body_is_refused_naming_both()
    {
        await using var transport = await StartAsync();
        await transport.PublishAsync(MessageExchanges.FeatureSnapshot, "CTRKEYX.4H", FeaturesJson("CTRKEY"));

        var reason = Assert.Single(await transport.ErrorReasonsAsync("CTRKEYX", 1, Patience));

        Assert.Equal("routing key 'CTRKEYX.4H' does not match the body's 'CTRKEY.4H' (symbol.timeframe)", reason);
    }

    [Fact]
    public async Task A_conflicting_duplicate_half_is_refused_with_both_contents_and_the_bar_decided_once()
    {
        await using var transport = await StartAsync();
        await transport.PublishAsync(MessageExchanges.FeatureSnapshot, "CTRCONF.4H", FeaturesJson("CTRCONF", momentum: 0.4));
        await transport.PublishAsync(MessageExchanges.FeatureSnapshot, "CTRCONF.4H", FeaturesJson("CTRCONF", momentum: -0.7));
        var reason = Assert.Single(await transport.ErrorReasonsAsync("CTRCONF", 1, Patience));
        await transport.PublishAsync(MessageExchanges.QseOutput, "CTRCONF.4H", QseJson("CTRCONF"));

        // Deliveries are handled concurrently, so either copy may be the one held; the other is refused.
        Assert.Single(await DecisionsAsync(transport, "CTRCONF", 1));

        Assert.StartsWith("conflicting duplicate feature_snapshot for bar CTRCONF|4H|", reason, StringComparison.Ordinal);
        Assert.Contains("\"momentum_score\":0.4", reason, StringComparison.Ordinal);
        Assert.Contains("\"momentum_score\":-0.7", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_given_twice_in_a_message_is_refused_naming_the_key()
    {
        await using var transport = await StartAsync();
        var twice = Encoding.UTF8.GetString(QseJson("CTRTWICE")).Replace("\"signal_valid\":true", "\"signal_valid\":true,\"signal_valid\":false", StringComparison.Ordinal);
        await transport.PublishAsync(MessageExchanges.QseOutput, "CTRTWICE.4H", Encoding.UTF8.GetBytes(twice));

        var reason = Assert.Single(await transport.ErrorReasonsAsync("CTRTWICE", 1, Patience));

        Assert.StartsWith("malformed JSON", reason, StringComparison.Ordinal);
        Assert.Contains("'signal_valid'", reason, StringComparison.Ordinal);
    }

    private static Task<bool> WaitUntilAsync(Func<bool> condition) => Eventually.HoldsAsync(condition, Patience);

    private static byte[] OutcomeJson(string symbol, bool success = true) => Bars.Json(TestOutcomes.Of(symbol, 0, success));

    [Fact]
    public async Task An_outcome_of_a_decided_bar_is_audited_once_and_its_copy_acknowledged_without_effect()
    {
        await using var transport = await StartAsync();
        await transport.PublishAsync(MessageExchanges.FeatureSnapshot, "CTROUT.4H", FeaturesJson("CTROUT"));
        await transport.PublishAsync(MessageExchanges.QseOutput, "CTROUT.4H", QseJson("CTROUT"));
        var decision = Assert.Single(await DecisionsAsync(transport, "CTROUT", 1));

        await transport.PublishAsync(MessageExchanges.Outcome, "CTROUT.4H", OutcomeJson("CTROUT", success: true));
        await WaitUntilAsync(() => transport.Outcomes.Recorded == 1);
        await transport.PublishAsync(MessageExchanges.Outcome, "CTROUT.4H", OutcomeJson("CTROUT", success: false));
        await WaitUntilAsync(() => transport.Outcomes.Duplicates == 1);

        var (type, payload) = Assert.Single(transport.Audit.Events);
        var audited = Assert.IsType<Core.Audit.AuditedOutcome>(payload);
        Assert.Equal(Core.Audit.AuditRecordTypes.Outcome, type);
        Assert.Equal((decision.DecisionId, true, decision.AllowTrade, decision.Signal.SuccessProbability), (audited.DecisionId, audited.Success, audited.Allowed, audited.SignalProb));
        Assert.Equal((1L, 1L), (transport.Outcomes.Recorded, transport.Outcomes.Duplicates));
        Assert.Empty(transport.Monitor.Rejections);
    }

    [Fact]
    public async Task An_outcome_of_an_unknown_decision_goes_to_the_error_queue_naming_the_id_counted_by_reason()
    {
        await using var transport = await StartAsync();
        await transport.PublishAsync(MessageExchanges.Outcome, "CTRNODEC.4H", OutcomeJson("CTRNODEC"));

        var reason = Assert.Single(await transport.ErrorReasonsAsync("CTRNODEC", 1, Patience));

        Assert.Equal($"unknown decision_id '{Bars.Id("CTRNODEC", 0)}': not among this worker's last 100000 bus decisions", reason);
        Assert.Equal(new Dictionary<string, long> { ["unknown_decision"] = 1 }, transport.Outcomes.Refused);
        Assert.Single(transport.Monitor.Rejections);
        Assert.Empty(transport.Audit.Events);
    }

    [Fact]
    public async Task An_outcome_whose_routing_key_disagrees_with_the_body_is_refused_naming_both()
    {
        await using var transport = await StartAsync();
        await transport.PublishAsync(MessageExchanges.Outcome, "CTROKEYX.4H", OutcomeJson("CTROKEY"));

        var reason = Assert.Single(await transport.ErrorReasonsAsync("CTROKEYX", 1, Patience));

        Assert.Equal("routing key 'CTROKEYX.4H' does not match the body's 'CTROKEY.4H' (symbol.timeframe)", reason);
    }

    [Fact]
    public async Task An_outcome_with_a_key_given_twice_is_refused_naming_the_key()
    {
        await using var transport = await StartAsync();
        var twice = Encoding.UTF8.GetString(OutcomeJson("CTROTWICE")).Replace("\"success\":true", "\"success\":true,\"success\":false", StringComparison.Ordinal);
        await transport.PublishAsync(MessageExchanges.Outcome, "CTROTWICE.4H", Encoding.UTF8.GetBytes(twice));

        var reason = Assert.Single(await transport.ErrorReasonsAsync("CTROTWICE", 1, Patience));

        Assert.StartsWith("malformed JSON", reason, StringComparison.Ordinal);
        Assert.Contains("'success'", reason, StringComparison.Ordinal);
    }
}
