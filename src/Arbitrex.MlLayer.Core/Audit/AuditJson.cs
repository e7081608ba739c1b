using System.Text.Encodings.Web;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// The audit file's JSON settings: the contract's snake_case options, with the relaxed encoder so that
/// reasons such as <c>0.47 &lt;= 0.55</c> stay greppable instead of becoming <c>\u003C=</c>. The
/// file is never embedded in HTML, which is what the default encoder guards against.
/// </summary>
internal static class AuditJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ContractJson.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
