using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Stands in for the signal generator in the embedded mode: reads every published decision's JSON and logs it.</summary>
internal sealed partial class DecisionLogSubscriber(InMemoryBroker broker, ILogger<DecisionLogSubscriber> logger) : IHostedService
{
    private static readonly JsonTypeInfo<MlDecision> DecisionJson = ContractJson.Options.TypeInfo<MlDecision>();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        broker.SubscribeToDecisions(message =>
        {
            var decision = JsonSerializer.Deserialize(message.Body.Span, DecisionJson)!;
            Log.Decision(logger, decision.Symbol, decision.Timeframe, decision.BarTime, decision.AllowTrade, decision.Regime.RegimeLabel, decision.DecisionReasons, decision.DecisionId);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "Decision {Symbol} {Timeframe} {BarTime:o}: allow_trade={AllowTrade} regime={Regime} reasons={Reasons} id={DecisionId}")]
        public static partial void Decision(ILogger logger, string symbol, string timeframe, DateTime barTime, bool allowTrade, string regime, IReadOnlyList<string> reasons, string decisionId);
    }
}
