using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Cli;

namespace Arbitrex.MlLayer.Worker.Tests.Cli;

/// <summary>A fact skipped, with the registry's reason, while the registry does not know the <c>lightgbm</c> kind.</summary>
public sealed class LightGbmKindFactAttribute : FactAttribute
{
    public LightGbmKindFactAttribute()
    {
        try
        {
            TrainedModelRegistration.LightGbmKind();
        }
        catch (InvalidModelException ex)
        {
            Skip = ex.Message;
        }
    }
}
