namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>A message on the in-process broker: contract JSON bytes and where they were published.</summary>
public sealed record InMemoryMessage(string Exchange, string RoutingKey, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, object?> Headers);
