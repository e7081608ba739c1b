using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>Where an alert is in its lifecycle: pending (breached, waiting out <c>for</c>) → firing → resolved.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertState>))]
public enum AlertState
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("firing")]
    Firing,

    [JsonStringEnumMemberName("resolved")]
    Resolved,
}
