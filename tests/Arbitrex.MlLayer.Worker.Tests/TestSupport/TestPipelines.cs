using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Registry;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>The bus's resilience pipeline for components built without the container.</summary>
internal static class TestPipelines
{
    public static ResiliencePipelineProvider<string> Bus(RetryOptions? retry = null, TimeProvider? time = null)
    {
        var registry = new ResiliencePipelineRegistry<string>();
        registry.TryAddBuilder(BusResilience.PipelineName, (builder, _) =>
        {
            builder.TimeProvider = time ?? TimeProvider.System;
            builder.AddBusRetry(retry ?? new RetryOptions(), NullLogger.Instance);
        });
        return registry;
    }
}
