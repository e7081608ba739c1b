using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>
/// The start-up check against a broker that comes up after the worker: it says once that it is waiting, keeps
/// trying, and passes as soon as the broker answers.
/// </summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class BrokerStartupWaitTests(RabbitMqNode node)
{
    [Fact]
    public async Task A_broker_that_comes_up_during_the_wait_passes_the_check_after_one_waiting_line()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nobody listens until the "broker" comes up below

        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hook = new LogEventHook(4211, _ => true, () => waiting.TrySetResult());
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(hook));
        var options = Options.Create(new BusOptions
        {
            RabbitMq = new RabbitMqBusOptions
            {
                Uri = node.Uri,
                Endpoints = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"),
                StartupTimeout = TimeSpan.FromMinutes(2),
                ConnectRetryInterval = TimeSpan.FromMilliseconds(100),
            },
        });
        var check = new BrokerStartupCheck(options, loggers.CreateLogger<BrokerStartupCheck>(), TimeProvider.System);

        var result = check.RunAsync(CancellationToken.None);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(result.IsCompleted);

        // The broker "comes up": the port starts forwarding to the test node.
        using var broker = new TcpListener(IPAddress.Loopback, port);
        broker.Start();
        using var stop = new CancellationTokenSource();
        var forwarding = ForwardAsync(broker, node.AmqpPort, stop.Token);

        Assert.Null(await result.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Single(hook.EventIds, id => id == 4211);
        Assert.Contains(4210, hook.EventIds);
        await stop.CancelAsync();
        await forwarding;
    }

    private static async Task ForwardAsync(TcpListener listener, int targetPort, CancellationToken cancellationToken)
    {
        var pipes = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var target = new TcpClient();
                await target.ConnectAsync(IPAddress.Loopback, targetPort, cancellationToken);
                pipes.Add(PipeAsync(client, target));
            }
        }
        catch (OperationCanceledException)
        {
        }

        listener.Stop();
        await Task.WhenAll(pipes);
    }

    private static async Task PipeAsync(TcpClient client, TcpClient target)
    {
        using (client)
        using (target)
        {
            var up = client.GetStream().CopyToAsync(target.GetStream());
            var down = target.GetStream().CopyToAsync(client.GetStream());
            await Task.WhenAny(up, down);
        }
    }
}
