using System.Text.Json;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Body of <c>POST /batch_predict</c>: <c>{"requests": [predict body, ...]}</c>. Items are parsed one by one so one bad item fails alone.</summary>
public sealed record BatchPredictRequest
{
    public List<JsonElement>? Requests { get; init; }
}
