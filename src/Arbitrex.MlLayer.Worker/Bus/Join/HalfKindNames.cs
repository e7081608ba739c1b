namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>The snake_case names of the halves, as used in reasons and in the monitor's join-timeout label.</summary>
public static class HalfKindNames
{
    public const string FeatureSnapshot = "feature_snapshot";
    public const string QseOutput = "qse_output";

    public static string Of(HalfKind kind) => kind == HalfKind.FeatureSnapshot ? FeatureSnapshot : QseOutput;
}
