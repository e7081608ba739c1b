using System.Globalization;
using System.Runtime.InteropServices;
using Arbitrex.MlLayer.Benchmarks.Passthrough;

// usage: passthrough <amqp uri> [shard count = 4] [prefetch = 512]
if (args.Length < 1)
{
    await Console.Error.WriteLineAsync("usage: passthrough <amqp uri> [shard count] [prefetch]").ConfigureAwait(false);
    return 64;
}

var shards = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var prefetch = args.Length > 2 ? ushort.Parse(args[2], CultureInfo.InvariantCulture) : (ushort)512;
var stopped = new TaskCompletionSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.TrySetResult(); });

await using var consumer = await PassthroughConsumer.StartAsync(new Uri(args[0]), shards, prefetch).ConfigureAwait(false);
await Console.Out.WriteLineAsync("passthrough: consuming").ConfigureAwait(false);
await stopped.Task.ConfigureAwait(false);
await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"passthrough: {consumer.Consumed} consumed ({consumer.Outcomes} outcomes), {consumer.Published} published")).ConfigureAwait(false);
return 0;
