using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>Settings of the drift check of live inputs (section <c>Monitoring:Drift</c>); see docs/MONITORING.md.</summary>
public sealed class DriftOptions : IValidatableObject
{
    public const string SectionName = "Monitoring:Drift";

    /// <summary>How many of the latest decided bars the statistics cover (a ring buffer per feature). Default 1,000.</summary>
    [OptionRange(10, KolmogorovSmirnov.MaxExactSize, ErrorMessage = "Monitoring:Drift:WindowBars must be between 10 and 10,000.")]
    public int WindowBars { get; set; } = 1_000;

    /// <summary>Below this many bars in the window no statistic and no verdict is given (and the drift alert cannot fire). Default 500.</summary>
    [OptionRange(1, KolmogorovSmirnov.MaxExactSize, ErrorMessage = "Monitoring:Drift:MinSample must be between 1 and 10,000.")]
    public int MinSample { get; set; } = 500;

    /// <summary>How long computed statistics are served before they are computed again from a window that changed. Default 10 s.</summary>
    [TimeSpanRange("00:00:00", "01:00:00", ErrorMessage = "Monitoring:Drift:RefreshInterval must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinSample > WindowBars)
        {
            yield return new ValidationResult(
                $"Monitoring:Drift:MinSample ({MinSample}) must not exceed Monitoring:Drift:WindowBars ({WindowBars}).",
                [nameof(MinSample)]);
        }
    }
}
