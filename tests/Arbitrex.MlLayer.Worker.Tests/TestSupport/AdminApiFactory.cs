using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// The real worker host (Program) on an in-process Kestrel test server, with its state folders in a
/// temp directory. A request header <c>X-Test-Remote-Ip</c> sets the caller's address, so the
/// loopback rule can be tested both ways.
/// </summary>
public sealed class AdminApiFactory : WebApplicationFactory<Program>
{
    public const string RemoteIpHeader = "X-Test-Remote-Ip";

    private readonly Dictionary<string, string?> _settings;

    public AdminApiFactory(string stateDirectory, string? apiKey = null, IDictionary<string, string?>? settings = null)
    {
        StateDirectory = stateDirectory;
        _settings = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Bus:SampleFeed:Enabled"] = "false",
            ["Registry:Root"] = ModelsCopy(stateDirectory),
            ["Registry:ImportPath"] = Path.Combine(stateDirectory, "incoming"),
            ["Audit:Directory"] = Path.Combine(stateDirectory, "audit"),
            ["Monitoring:ExportDirectory"] = Path.Combine(stateDirectory, "audit"),
            ["Admin:RuntimeConfigFile"] = Path.Combine(stateDirectory, "runtime_config.json"),
            ["Admin:ApiKey"] = apiKey ?? string.Empty,
            ["Logging:Directory"] = Path.Combine(stateDirectory, "logs"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string StateDirectory { get; }

    public string AuditFile => Path.Combine(StateDirectory, "audit", "predictions.jsonl");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, RemoteIpStartupFilter>());
    }

    /// <summary>Copies the shipped models once per state folder, so registry writes never touch the repository.</summary>
    private static string ModelsCopy(string stateDirectory)
    {
        var target = Path.Combine(stateDirectory, "models");
        if (!Directory.Exists(target))
        {
            CopyDirectory(RepoPaths.Models, target);
        }

        return target;
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(source))
        {
            CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }

    private sealed class RemoteIpStartupFilter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                if (context.Request.Headers.TryGetValue(RemoteIpHeader, out var ip))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
