using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// The audit file's JSON settings: the contract's snake_case options, with the relaxed encoder so that
/// reasons such as <c>0.47 &lt;= 0.55</c> stay greppable instead of becoming <c>\u003C=</c>. The
/// file is never embedded in HTML, which is what the default encoder guards against.
/// </summary>
internal static class AuditJson
{
    private static readonly string[] ChainMembers = ["sequence", "prev_hash", "hash"];

    public static JsonSerializerOptions Options { get; } = Create(AuditJsonContext.Default);

    /// <summary>
    /// An <see cref="AuditRecord"/> without its chain members (<c>sequence</c>, <c>prev_hash</c>, <c>hash</c>):
    /// the body the line format wraps in them and hashes.
    /// </summary>
    public static JsonTypeInfo<AuditRecord> RecordBody { get; } =
        (JsonTypeInfo<AuditRecord>)Create(AuditJsonContext.Default.WithAddedModifier(WithoutChainMembers)).GetTypeInfo(typeof(AuditRecord));

    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static JsonSerializerOptions Create(IJsonTypeInfoResolver auditTypes)
    {
        var options = new JsonSerializerOptions(ContractJson.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.TypeInfoResolverChain.Insert(0, auditTypes);
        options.MakeReadOnly();
        return options;
    }

    private static void WithoutChainMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(AuditRecord))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (ChainMembers.Contains(typeInfo.Properties[i].Name))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
