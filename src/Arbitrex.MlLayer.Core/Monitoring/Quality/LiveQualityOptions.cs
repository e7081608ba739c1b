using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// Settings of <see cref="LiveQualityTracker"/> (section <c>Monitoring:LiveQuality</c>). Each signal filter
/// version's figures cover its last <see cref="WindowOutcomes"/> outcomes that were also recorded within the
/// last <see cref="WindowHours"/> hours.
/// </summary>
public sealed class LiveQualityOptions
{
    public const string SectionName = "Monitoring:LiveQuality";

    /// <summary>Outcomes kept per signal filter version (the count side of the window). Default 5,000.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Monitoring:LiveQuality:WindowOutcomes must be between 1 and 1,000,000.")]
    public int WindowOutcomes { get; set; } = 5_000;

    /// <summary>Age limit of an outcome in the window, hours since it was recorded (the time side). Default 24.</summary>
    [OptionRange(1, 8_760, ErrorMessage = "Monitoring:LiveQuality:WindowHours must be between 1 and 8,760.")]
    public int WindowHours { get; set; } = 24;

    /// <summary>A figure computed from fewer outcomes than this is reported as insufficient, not as a number. Default 30.</summary>
    [OptionRange(1, 1_000_000, ErrorMessage = "Monitoring:LiveQuality:MinOutcomes must be between 1 and 1,000,000.")]
    public int MinOutcomes { get; set; } = 30;

    /// <summary>
    /// How far the live Brier score may rise above the version's validation Brier (registry metadata
    /// <c>brier_score</c>) before the default rule <c>live_brier_above_validation</c> fires. Default 0.02.
    /// </summary>
    [OptionRange(0.0, 1.0, ErrorMessage = "Monitoring:LiveQuality:BrierMargin must be between 0 and 1.")]
    public double BrierMargin { get; set; } = 0.02;

    /// <summary>Signal filter versions tracked at once; the one whose latest outcome is oldest gives way. Default 20.</summary>
    [OptionRange(1, 1_000, ErrorMessage = "Monitoring:LiveQuality:MaxVersions must be between 1 and 1,000.")]
    public int MaxVersions { get; set; } = 20;

    public TimeSpan Window => TimeSpan.FromHours(WindowHours);
}
