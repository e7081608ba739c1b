namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>What the shadow path did with the live bars handed to it, since start (part of <see cref="ShadowResponse"/>).</summary>
public sealed record ShadowPathStatus(int Queued, int QueueCapacity, long Decided, long Dropped, long Skipped, long Failed, int StoredDecisions);
