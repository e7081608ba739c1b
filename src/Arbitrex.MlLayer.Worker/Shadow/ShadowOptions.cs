using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>The <c>Shadow</c> section: how the shadow path queues, compares and keeps its decisions.</summary>
public sealed class ShadowOptions
{
    public const string SectionName = "Shadow";

    /// <summary>Bars waiting for the shadow; when it is full a bar is left out (counted), never waited for.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Shadow:QueueCapacity must be between 1 and 1000000.")]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The latest bars the windowed comparison (and the Prometheus figures) cover.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Shadow:WindowBars must be between 1 and 1000000.")]
    public int WindowBars { get; set; } = 1_000;

    /// <summary>The latest shadow decisions kept by decision_id (about 1 KB each), for scoring them against outcomes.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Shadow:StoredDecisions must be between 1 and 1000000.")]
    public int StoredDecisions { get; set; } = 10_000;
}
