using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class LoggingConfigurationTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;

    public LoggingConfigurationTests()
    {
        _factory = new AdminApiFactory(_state.Path);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _state.Dispose();
    }

    [Fact]
    public void Hosting_diagnostics_are_off_so_no_request_starts_an_activity_while_server_errors_still_log()
    {
        // ASP.NET Core starts an Activity and a log scope for every request whenever this category is enabled at
        // any level; AddSerilog enables every category at the provider level, so only the shipped
        // Logging:Serilog:LogLevel rule turns it off.
        var loggers = _factory.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Arbitrex.MlLayer.Core.Audit.AuditLogWriter").IsEnabled(LogLevel.Information));
    }
}
