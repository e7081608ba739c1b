namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>The names and file suffixes of the <see cref="ModelKind"/>s.</summary>
public static class ModelKinds
{
    /// <summary>The kind as the index and the admin API write it: <c>rule_based</c>, <c>xgboost_json</c> or <c>lightgbm</c>.</summary>
    public static string Name(ModelKind kind) => kind switch
    {
        ModelKind.RuleBased => "rule_based",
        ModelKind.XgboostJson => "xgboost_json",
        ModelKind.Lightgbm => "lightgbm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind."),
    };

    /// <summary>Parses a kind's name; false for anything else.</summary>
    public static bool TryParse(string name, out ModelKind kind)
    {
        foreach (var candidate in Enum.GetValues<ModelKind>())
        {
            if (Name(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The end of a stored artifact's file name, e.g. <c>_xgboost.json</c>, <c>_lightgbm.txt</c>.</summary>
    public static string FileSuffix(ModelKind kind) => kind switch
    {
        ModelKind.RuleBased => "_rule_based.json",
        ModelKind.XgboostJson => "_xgboost.json",
        ModelKind.Lightgbm => "_lightgbm.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind."),
    };
}
