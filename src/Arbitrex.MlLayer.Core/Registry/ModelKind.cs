namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>What an artifact is; written snake_case in the index (<c>rule_based</c>, <c>xgboost_json</c>, <c>lightgbm</c>).</summary>
public enum ModelKind
{
    /// <summary>A JSON parameter file for the rule-based models.</summary>
    RuleBased,

    /// <summary>An XGBoost model saved with <c>Booster.save_model("m.json")</c>.</summary>
    XgboostJson,

    /// <summary>A LightGBM text model saved with <c>booster.save_model("model.txt")</c> (<c>LGBM_BoosterSaveModel</c>).</summary>
    Lightgbm,
}
