using Polly;
using Polly.Retry;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>
/// The bus's one resilience pipeline (<see cref="PipelineName"/>): retries a step that failed with a transient
/// fault (<see cref="BusFaults.IsTransient"/>), with exponential back-off from <c>Bus:Retry</c>. Every retried step
/// on the bar path (audit append, decision publish, error-queue publish) runs through it.
/// </summary>
public static partial class BusResilience
{
    public const string PipelineName = "arbitrex-bus";

    /// <summary>Adds the retry strategy to <paramref name="builder"/> (none for a single attempt).</summary>
    public static ResiliencePipelineBuilder AddBusRetry(this ResiliencePipelineBuilder builder, RetryOptions retry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(logger);
        if (retry.Attempts <= 1)
        {
            return builder;
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(BusFaults.IsTransient),
            MaxRetryAttempts = retry.Attempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            Delay = retry.InitialDelay,
            MaxDelay = retry.MaxDelay,
            UseJitter = false,
            OnRetry = args =>
            {
                Log.TransientFault(logger, args.Outcome.Exception, args.Context.OperationKey ?? "bus step", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        });
    }

    /// <summary>The pipeline on its own, for a component built without the container (tests, tools).</summary>
    public static ResiliencePipeline Create(RetryOptions retry, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddBusRetry(retry, logger).Build();
    }

    /// <summary>
    /// Retries every <paramref name="interval"/> while <paramref name="shouldRetry"/> says so, without a limit: for
    /// waits on the broker that the worker cannot go on without (the first connection, a start-up step that a
    /// broker restart interrupted). The caller's token ends the wait.
    /// </summary>
    public static ResiliencePipeline UntilCancelled(TimeSpan interval, Func<Exception, bool> shouldRetry, Action<Exception, TimeSpan> onRetry)
    {
        ArgumentNullException.ThrowIfNull(shouldRetry);
        ArgumentNullException.ThrowIfNull(onRetry);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(shouldRetry),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = interval,
                UseJitter = false,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Transient fault on {What} (attempt {Attempt}); retrying in {DelayMs} ms")]
        public static partial void TransientFault(ILogger logger, Exception? exception, string what, int attempt, double delayMs);
    }
}
