using System.ComponentModel.DataAnnotations;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>Where the model registry lives (relative paths are relative to the working directory).</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>Registry folder holding <c>registry_index.json</c> and the artifacts.</summary>
    [Required(ErrorMessage = "Registry:Root must name a folder.")]
    public string Root { get; set; } = "models";

    /// <summary>The only folder <c>POST /models/register</c> may read <c>model_path</c> from.</summary>
    [Required(ErrorMessage = "Registry:ImportPath must name a folder.")]
    public string ImportPath { get; set; } = "models/incoming";
}
