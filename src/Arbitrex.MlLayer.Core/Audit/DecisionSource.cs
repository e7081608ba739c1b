using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>Where a decision was asked for: the audit record's <c>source</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionSource>))]
public enum DecisionSource
{
    /// <summary>A bar joined from the bus, its fail-closed decision included: the bar's decision.</summary>
    [JsonStringEnumMemberName("bus")]
    Bus,

    /// <summary>An ad-hoc <c>/predict</c> or <c>/batch_predict</c>: a what-if that is not the bar's decision.</summary>
    [JsonStringEnumMemberName("http")]
    Http,

    /// <summary>
    /// A shadow model's decision of a live bar: never published as the bar's decision; its line is of
    /// record type <see cref="AuditRecordTypes.ShadowDecision"/>.
    /// </summary>
    [JsonStringEnumMemberName("shadow")]
    Shadow,
}
