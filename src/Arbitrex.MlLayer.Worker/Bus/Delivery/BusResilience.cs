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

    private static readonly TimeSpan UntilWrittenPause = TimeSpan.FromMilliseconds(100);

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
    /// <paramref name="pipeline"/> run again, at once, for as long as its step fails with an I/O fault and the
    /// context's token has not fired: an audit write is never given up on (the audit health, the held deliveries and
    /// the <c>audit_write_failed</c> alert show the outage meanwhile). <paramref name="pipeline"/> spaces the attempts.
    /// </summary>
    public static ResiliencePipeline UntilWritten(ResiliencePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && BusFaults.IsIoFault(ex) && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,

                // A pause of its own, so that a pipeline without retries (Bus:Retry:Attempts 1) does not spin on a failing disk.
                Delay = UntilWrittenPause,
                BackoffType = DelayBackoffType.Constant,
            })
            .AddPipeline(pipeline)
            .Build();
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
