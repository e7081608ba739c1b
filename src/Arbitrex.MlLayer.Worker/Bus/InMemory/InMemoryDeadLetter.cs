namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>A refused message in the in-process error queue, with the reason the worker gave.</summary>
public sealed record InMemoryDeadLetter(InMemoryMessage Message, string Reason);
