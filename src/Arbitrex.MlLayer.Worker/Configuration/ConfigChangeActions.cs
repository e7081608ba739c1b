namespace Arbitrex.MlLayer.Worker.Configuration;

/// <summary>The <c>action</c> values of <see cref="ConfigChange"/>.</summary>
public static class ConfigChangeActions
{
    /// <summary><c>PUT /config</c> (model activation and alert rules included).</summary>
    public const string ConfigUpdate = "config.update";

    /// <summary><c>POST /models/register</c>.</summary>
    public const string ModelRegister = "model.register";

    /// <summary><c>DELETE /models/{name}/{version}</c>.</summary>
    public const string ModelDelete = "model.delete";

    /// <summary>A <see cref="ModelDelete"/> recorded just before was not carried out (the registry refused it); the version is still registered.</summary>
    public const string ModelDeleteFailed = "model.delete_failed";

    /// <summary><c>POST /reset</c> (smoothing state, windowed metrics and alerts).</summary>
    public const string Reset = "reset";
}
