namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>The payload of a <c>baseline_capture</c> audit record: the capture's response and who asked for it.</summary>
public sealed record BaselineCaptureRecord(
    string ModelName,
    string Version,
    int Bars,
    int Features,
    bool PredictionBaseline,
    string BaselineSha256,
    string ChangedBy,
    string RemoteAddress);
