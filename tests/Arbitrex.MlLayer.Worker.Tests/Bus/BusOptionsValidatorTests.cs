using Arbitrex.MlLayer.Worker.Bus;

namespace Arbitrex.MlLayer.Worker.Tests.Bus;

[Trait("Category", "Unit")]
public sealed class BusOptionsValidatorTests
{
    private static IEnumerable<string> Failures(BusOptions options) =>
        new BusOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new BusOptionsValidator().Validate(null, new BusOptions()).Succeeded);
    }

    [Fact]
    public void Preferred_shards_parse_and_must_exist()
    {
        Assert.Equal([0, 2], new RabbitMqBusOptions { PreferredShards = "0, 2" }.ParsePreferredShards());
        Assert.Empty(new RabbitMqBusOptions().ParsePreferredShards()!);
        Assert.Null(new RabbitMqBusOptions { ShardCount = 4, PreferredShards = "4" }.ParsePreferredShards());
    }

    [Fact]
    public void Each_bad_value_is_refused_naming_its_key()
    {
        var options = new BusOptions
        {
            PrefetchCount = 1,
            RabbitMq = new RabbitMqBusOptions { Uri = "http://localhost", ShardCount = 0, PreferredShards = "0,x" },
            Join = new JoinOptions { Window = TimeSpan.Zero, RecentDecisionCapacity = 0 },
            Retry = new RetryOptions { Attempts = 0 },
        };

        var failures = Failures(options).ToList();

        Assert.Contains("Bus:PrefetchCount must be between 2 and 65535 (both halves of a bar must fit).", failures);
        Assert.Contains("Bus:RabbitMq:Uri must be an absolute amqp:// or amqps:// URI.", failures);
        Assert.Contains("Bus:RabbitMq:ShardCount must be between 1 and 64.", failures);
        Assert.Contains("Bus:Join:Window must be positive.", failures);
        Assert.Contains("Bus:Join:RecentDecisionCapacity must be at least 1.", failures);
        Assert.Contains("Bus:Retry:Attempts must be at least 1.", failures);
        Assert.Contains("Bus:RabbitMq:PreferredShards must be a comma-separated list of shard numbers below Bus:RabbitMq:ShardCount.", failures);
        Assert.Equal(7, failures.Count);
    }

    [Fact]
    public void Endpoints_parse_in_order_with_the_port_of_the_scheme_when_left_out()
    {
        var endpoints = new RabbitMqBusOptions { Endpoints = "rabbit1:5673, rabbit2 ,[::1]:5674" }.ParseEndpoints()!;

        Assert.Equal([("rabbit1", 5673), ("rabbit2", 5672), ("::1", 5674)], endpoints.Select(e => (e.Host, e.Port)));
        Assert.Equal(5671, new RabbitMqBusOptions { Uri = "amqps://u:p@broker/", Endpoints = "rabbit1" }.ParseEndpoints()!.Single().Port);
    }

    [Fact]
    public void Without_endpoints_the_host_of_the_uri_is_the_only_node()
    {
        var endpoint = Assert.Single(new RabbitMqBusOptions { Uri = "amqp://u:p@broker.internal:5999/vhost" }.ParseEndpoints()!);

        Assert.Equal(("broker.internal", 5999), (endpoint.Host, endpoint.Port));
    }

    [Theory]
    [InlineData("rabbit1:notaport")]
    [InlineData("user:pass@rabbit1:5672")]
    [InlineData("rabbit1:5672/vhost")]
    [InlineData(",")]
    public void A_malformed_endpoint_list_is_refused_naming_the_key(string endpoints)
    {
        var failures = Failures(new BusOptions { RabbitMq = new RabbitMqBusOptions { Endpoints = endpoints } });

        Assert.Equal("Bus:RabbitMq:Endpoints must be a comma-separated list of host:port (port optional), e.g. rabbit1:5672,rabbit2:5672.", Assert.Single(failures));
    }

    [Fact]
    public void An_unknown_queue_type_and_a_startup_timeout_out_of_range_are_refused_naming_their_keys()
    {
        var failures = Failures(new BusOptions { RabbitMq = new RabbitMqBusOptions { QueueType = (ShardQueueType)7, StartupTimeout = TimeSpan.Zero } }).ToList();

        Assert.Equal(["Bus:RabbitMq:QueueType must be quorum or classic.", "Bus:RabbitMq:StartupTimeout must be between 00:00:01 and 00:10:00."], failures);
    }

    [Fact]
    public void A_sample_feed_timeframe_the_engine_does_not_know_is_refused()
    {
        var failures = Failures(new BusOptions { SampleFeed = new SampleFeedOptions { Timeframe = "4h" } });

        Assert.Equal("Bus:SampleFeed:Timeframe must be one of 1M, 5M, 15M, 30M, 1H, 2H, 4H, 8H, 12H, 1D, 1W.", Assert.Single(failures));
    }
}
