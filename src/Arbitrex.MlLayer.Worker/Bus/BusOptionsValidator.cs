using Arbitrex.MlLayer.Core.Engine;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>Refuses a <c>Bus</c> section the worker could not run with, naming the key.</summary>
internal sealed class BusOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add("Bus:Transport must be RabbitMq or InMemory.");
        }

        if (options.PrefetchCount is < 2 or > 65_535)
        {
            failures.Add("Bus:PrefetchCount must be between 2 and 65535 (both halves of a bar must fit).");
        }

        if (!System.Uri.TryCreate(options.RabbitMq.Uri, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            failures.Add("Bus:RabbitMq:Uri must be an absolute amqp:// or amqps:// URI.");
        }

        if (options.RabbitMq.ShardCount is < 1 or > 64)
        {
            failures.Add("Bus:RabbitMq:ShardCount must be between 1 and 64.");
        }

        if (options.RabbitMq.ParsePreferredShards() is null)
        {
            failures.Add("Bus:RabbitMq:PreferredShards must be a comma-separated list of shard numbers below Bus:RabbitMq:ShardCount.");
        }

        if (options.RabbitMq.StandbyDelay < TimeSpan.Zero)
        {
            failures.Add("Bus:RabbitMq:StandbyDelay must not be negative.");
        }

        if (options.RabbitMq.ConnectRetryInterval <= TimeSpan.Zero)
        {
            failures.Add("Bus:RabbitMq:ConnectRetryInterval must be positive.");
        }

        if (options.Join.Window <= TimeSpan.Zero)
        {
            failures.Add("Bus:Join:Window must be positive.");
        }

        if (options.Join.RecentDecisionCapacity < 1)
        {
            failures.Add("Bus:Join:RecentDecisionCapacity must be at least 1.");
        }

        if (options.Retry.Attempts < 1)
        {
            failures.Add("Bus:Retry:Attempts must be at least 1.");
        }

        if (options.Retry.InitialDelay <= TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.InitialDelay)
        {
            failures.Add("Bus:Retry:InitialDelay must be positive and not above Bus:Retry:MaxDelay.");
        }

        if (options.SampleFeed.Symbols.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Bus:SampleFeed:Symbols must not contain an empty symbol.");
        }

        if (!Timeframes.Supported.Contains(options.SampleFeed.Timeframe))
        {
            failures.Add($"Bus:SampleFeed:Timeframe must be one of {string.Join(", ", Timeframes.Supported)}.");
        }

        if (options.SampleFeed.Interval <= TimeSpan.Zero)
        {
            failures.Add("Bus:SampleFeed:Interval must be positive.");
        }

        if (options.SampleFeed.HistoryBars is < 0 or > 100_000)
        {
            failures.Add($"Bus:SampleFeed:HistoryBars must be between 0 and 100000 (was {options.SampleFeed.HistoryBars}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
