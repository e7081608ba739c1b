using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Models.RuleBased;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Training;
using Arbitrex.MlLayer.Training.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Trainer;

/// <summary>
/// <c>train (--data FILE | --from-audit DIR [--since T] [--until T]) --out DIR [options] [--register NAME VERSION]</c>:
/// trains a LightGBM signal filter with Microsoft.ML, from a labelled file or from the bus decisions of an audit log
/// joined with their trade outcomes, and writes <c>DIR/model.txt</c> and <c>DIR/metadata.json</c>.
/// Exit 0 when done, 64 for a bad command line, a refused data set or a refused registration, 1 for anything else.
/// </summary>
public static class TrainVerb
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;

    /// <summary>EX_USAGE of sysexits.h: bad arguments or bad input data.</summary>
    public const int ExitUsage = 64;

    /// <summary>Runs <c>train</c> with the arguments after it; the usage for any other verb.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0 || args[0] != "train")
        {
            return Usage(output);
        }

        TrainArguments arguments;
        try
        {
            arguments = TrainArguments.Parse(args[1..]);
        }
        catch (ArgumentException ex)
        {
            output.WriteLine($"train: {ex.Message}");
            return Usage(output);
        }

        var outputFiles = new[] { ModelTrainer.ModelFileName, ModelTrainer.MetadataFileName }
            .Select(f => Path.Combine(arguments.OutputDirectory, f)).Where(File.Exists).ToList();
        if (outputFiles.Count > 0)
        {
            output.WriteLine($"train: {string.Join(" and ", outputFiles)} exist already; choose another --out folder.");
            return ExitUsage;
        }

        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(new TextWriterLoggerProvider(output, TimeProvider.System)));

        TrainingResult result;
        try
        {
            var trainer = new ModelTrainer(loggers.CreateLogger<ModelTrainer>(), TimeProvider.System);
            result = arguments.AuditDirectory is { } audit
                ? trainer.Train(AuditDataSetReader.Read(audit, arguments.Since, arguments.Until), arguments.OutputDirectory, arguments.Options)
                : trainer.Train(arguments.DataPath!, arguments.OutputDirectory, arguments.Options);
        }
        catch (TrainingDataException ex)
        {
            output.WriteLine($"train: {ex.Message.TrimEnd('.')}. Nothing was written.");
            return ExitUsage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            output.WriteLine($"train: {ex.Message}");
            return ExitFailure;
        }

        output.WriteLine($"train: wrote {result.ModelPath} and {result.MetadataPath}");
        return arguments.RegisterName is { } name ? await RegisterAsync(arguments, name, arguments.RegisterVersion!, result, output) : ExitOk;
    }

    private static async Task<int> RegisterAsync(TrainArguments arguments, string name, string version, TrainingResult result, TextWriter output)
    {
        try
        {
            var entry = await TrainedModelRegistration.RegisterAsync(Registry(arguments.Settings), name, version, result);
            output.WriteLine($"train: registered {entry.Name} {entry.Version} as {entry.ArtifactPath} (SHA-256 {entry.Sha256}); activate it with PUT /config.");
            return ExitOk;
        }
        catch (Exception ex) when (ex is InvalidModelException or ModelConflictException or ModelNotFoundException)
        {
            output.WriteLine($"train: registration refused ({(ex as InvalidModelException)?.Field ?? "version"}): {ex.Message} The trained files stay in {arguments.OutputDirectory}.");
            return ExitUsage;
        }
        catch (ModelRegistryException ex)
        {
            output.WriteLine($"train: registration failed: {ex.Message} The trained files stay in {arguments.OutputDirectory}.");
            return ExitFailure;
        }
    }

    // The registry as the worker builds it (the same root setting, read from the environment and the command line,
    // and the same artifact validators), so a registration from here passes exactly the checks of POST /models/register.
    private static ModelRegistry Registry(IReadOnlyList<string> settings)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine([.. settings]).Build();
        var root = Path.GetFullPath(configuration["Registry:Root"] ?? "models");
        return new ModelRegistry(root, [new RuleBasedArtifactValidator(), new XgboostArtifactValidator(), new LightgbmArtifactValidator()], TimeProvider.System);
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("usage: arbitrex-trainer train --data <file.csv|file.jsonl> --out <dir>");
        output.WriteLine("       arbitrex-trainer train --from-audit <audit dir> [--since <utc>] [--until <utc>] --out <dir>");
        output.WriteLine("         [--leaves 31] [--trees 100] [--learning-rate 0.1] [--min-rows-per-leaf 20] [--seed 42]");
        output.WriteLine("         [--validation-fraction 0.2] [--min-rows 100] [--register <model-name> <version>] [--Registry:Root=<dir>]");
        return ExitUsage;
    }
}
