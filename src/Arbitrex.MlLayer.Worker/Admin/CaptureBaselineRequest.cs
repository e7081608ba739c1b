namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Body of <c>POST /models/{name}/{version}/baseline</c> (optional): how many of the latest live bars to use; default all in the window.</summary>
public sealed record CaptureBaselineRequest
{
    public int? Bars { get; init; }
}
