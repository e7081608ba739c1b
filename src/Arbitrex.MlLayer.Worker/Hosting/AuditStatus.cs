using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Admin;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>The audit log's place and chain head in <c>GET /status</c>.</summary>
internal sealed class AuditStatus(AuditLogWriter writer, IOptions<AuditOptions> options) : IStatusContributor
{
    public string Name => "audit";

    public object? Describe() => new Dictionary<string, object?>
    {
        ["directory"] = Path.GetFullPath(options.Value.Directory),
        ["enabled"] = options.Value.Enabled,
        ["last_sequence"] = writer.LastSequence,
        ["last_hash"] = writer.LastHash,
    };
}
