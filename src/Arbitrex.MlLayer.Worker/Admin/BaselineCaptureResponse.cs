namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// What <c>POST /models/{name}/{version}/baseline</c> stored: from how many live bars, whether a prediction baseline
/// came with it (only when the version itself decided those bars), and the SHA-256 of the stored baseline, which the
/// audit record carries too.
/// </summary>
public sealed record BaselineCaptureResponse(string ModelName, string Version, int Bars, int Features, bool PredictionBaseline, string BaselineSha256);
