using Arbitrex.MlLayer.Contracts;
using MassTransit;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Stands in for the signal generator in the embedded demo: logs every decision.</summary>
internal sealed partial class DecisionLogConsumer(ILogger<DecisionLogConsumer> logger) : IConsumer<MlDecision>
{
    public Task Consume(ConsumeContext<MlDecision> context)
    {
        var decision = context.Message;
        Log.Decision(logger, decision.Symbol, decision.Timeframe, decision.BarTime, decision.AllowTrade, decision.Regime.RegimeLabel, decision.DecisionReasons, decision.DecisionId);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "Decision {Symbol} {Timeframe} {BarTime:o}: allow_trade={AllowTrade} regime={Regime} reasons={Reasons} id={DecisionId}")]
        public static partial void Decision(ILogger logger, string symbol, string timeframe, DateTime barTime, bool allowTrade, string regime, IReadOnlyList<string> reasons, string decisionId);
    }
}
