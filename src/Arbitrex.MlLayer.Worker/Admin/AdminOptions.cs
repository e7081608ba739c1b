using System.ComponentModel.DataAnnotations;
using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>The admin side-port.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Kestrel URLs of the side-port (semicolon-separated).</summary>
    [Required(ErrorMessage = "Admin:Urls must name at least one URL.")]
    public string Urls { get; set; } = "http://0.0.0.0:8003";

    /// <summary>Key for mutating endpoints (header <c>X-Api-Key</c>); empty = loopback callers only.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Largest request body accepted, in bytes.</summary>
    [OptionRange(1024, 64 * 1024 * 1024, ErrorMessage = "Admin:MaxRequestBodyBytes must be between 1024 and 67108864.")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most rows (items of <c>requests</c>) one <c>POST /batch_predict</c> may carry; more answer 400 naming <c>requests</c>.</summary>
    [OptionRange(1, 100_000, ErrorMessage = "Admin:BatchPredictMaxRows must be between 1 and 100000.")]
    public int BatchPredictMaxRows { get; set; } = 1000;

    /// <summary>
    /// Ad-hoc prediction requests (<c>POST /predict</c> and <c>POST /batch_predict</c>) each caller address may make
    /// per second; more answer 429 with a problem body. 0 turns the limit off.
    /// </summary>
    [OptionRange(0, 1_000_000, ErrorMessage = "Admin:PredictRateLimit must be between 0 (off) and 1000000.")]
    public int PredictRateLimit { get; set; } = 100;

    /// <summary>Where <c>PUT /config</c> persists the effective config so it survives a restart.</summary>
    [Required(ErrorMessage = "Admin:RuntimeConfigFile must name a file.")]
    public string RuntimeConfigFile { get; set; } = "logs/ml_layer/runtime_config.json";
}
