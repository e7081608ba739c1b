using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Models.RuleBased;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Configuration;

namespace Arbitrex.MlLayer.Worker.Cli;

/// <summary>
/// The operator verbs of the worker executable, run instead of the host:
/// <c>audit verify &lt;file-or-folder&gt;</c> and <c>audit replay &lt;file-or-folder&gt; [--config &lt;json&gt;]</c>.
/// </summary>
public static class AuditVerbs
{
    public const int ExitUsage = 2;

    /// <summary>Runs a verb when <paramref name="args"/> starts with <c>audit</c>; null when the host should start instead.</summary>
    public static int? TryRun(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0 || args[0] != "audit")
        {
            return null;
        }

        return args.Length < 2 ? Usage(output) : args[1] switch
        {
            "verify" => AuditVerifyCommand.Run(args[2..], output),
            "replay" => Replay(args[2..], output),
            _ => Usage(output),
        };
    }

    private static int Replay(string[] args, TextWriter output)
    {
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var configIndex = Array.IndexOf(args, "--config");
        string? configPath = null;
        if (configIndex >= 0)
        {
            if (configIndex + 1 >= args.Length)
            {
                return Usage(output);
            }

            configPath = args[configIndex + 1];
            positional.Remove(configPath);
        }

        if (positional.Count != 1)
        {
            return Usage(output);
        }

        var settings = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray())
            .Build();
        InferenceEngine engine;
        try
        {
            var config = new RuntimeConfigFile(settings["Admin:RuntimeConfigFile"] ?? "logs/ml_layer/runtime_config.json")
                .ApplyTo(EngineConfigJson.FromConfiguration(settings.GetSection(EngineConfig.SectionName)));
            if (configPath is not null)
            {
                config = EngineConfigJson.Merge(config, File.ReadAllText(configPath));
            }

            var root = Path.GetFullPath(settings["Registry:Root"] ?? "models");
            var registry = new ModelRegistry(root, [new RuleBasedArtifactValidator(), new XgboostArtifactValidator(), new LightgbmArtifactValidator()], TimeProvider.System);
            engine = new InferenceEngine(config, new ModelLoader(new RegistryArtifactSource(registry)));
        }
        catch (Exception ex) when (ex is InvalidConfigException or IOException or ModelRegistryException)
        {
            output.WriteLine($"audit replay: {ex.Message}");
            return ExitUsage;
        }

        return AuditReplayCommand.Run(positional[0], engine, output);
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("usage: Arbitrex.MlLayer.Worker audit verify <file-or-folder>");
        output.WriteLine("       Arbitrex.MlLayer.Worker audit replay <file-or-folder> [--config <config-json>] [--Registry:Root=<dir>]");
        return ExitUsage;
    }
}
