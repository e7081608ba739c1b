using Arbitrex.MlLayer.Worker.Decisions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

internal static class TestAuditHealth
{
    public static AuditHealth Create(TimeProvider? time = null) => new(time ?? TimeProvider.System, NullLogger<AuditHealth>.Instance);
}
