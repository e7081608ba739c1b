namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>The endpoints that serve ad-hoc (what-if) predictions.</summary>
public enum AdHocEndpoint
{
    /// <summary><c>POST /predict</c>.</summary>
    Predict,

    /// <summary><c>POST /batch_predict</c> (counted per row).</summary>
    BatchPredict,
}
