using System.Globalization;
using Arbitrex.MlLayer.Training;

namespace Arbitrex.MlLayer.Trainer;

/// <summary>The parsed command line of <c>train</c>; <see cref="Parse"/> says what is wrong with a bad one.</summary>
public sealed record TrainArguments
{
    /// <summary>The CSV or JSONL data set; null when training from the audit log.</summary>
    public string? DataPath { get; init; }

    /// <summary>The audit folder whose bus decisions, joined with their outcomes, are the data set; null with <see cref="DataPath"/>.</summary>
    public string? AuditDirectory { get; init; }

    /// <summary>With <see cref="AuditDirectory"/>: only bars from this time on (UTC, inclusive).</summary>
    public DateTime? Since { get; init; }

    /// <summary>With <see cref="AuditDirectory"/>: only bars before this time (UTC, exclusive).</summary>
    public DateTime? Until { get; init; }

    public required string OutputDirectory { get; init; }

    public TrainingOptions Options { get; init; } = new();

    /// <summary>The model name to register the artifact under, or null to only write it.</summary>
    public string? RegisterName { get; init; }

    public string? RegisterVersion { get; init; }

    /// <summary><c>--Section:Key=value</c> settings, passed to the configuration (e.g. <c>--Registry:Root=models</c>).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Parses the arguments after the verb.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing or malformed value, or an option out of range.</exception>
    public static TrainArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? data = null, audit = null, output = null, registerName = null, registerVersion = null;
        DateTime? since = null, until = null;
        var options = new TrainingOptions();
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--data": data = Value(); break;
                case "--from-audit": audit = Value(); break;
                case "--since": since = Time(arg, Value()); break;
                case "--until": until = Time(arg, Value()); break;
                case "--out": output = Value(); break;
                case "--leaves": options = options with { Leaves = Integer(arg, Value()) }; break;
                case "--trees": options = options with { Trees = Integer(arg, Value()) }; break;
                case "--learning-rate": options = options with { LearningRate = Real(arg, Value()) }; break;
                case "--min-rows-per-leaf": options = options with { MinRowsPerLeaf = Integer(arg, Value()) }; break;
                case "--seed": options = options with { Seed = Integer(arg, Value()) }; break;
                case "--validation-fraction": options = options with { ValidationFraction = Real(arg, Value()) }; break;
                case "--min-rows": options = options with { MinimumRows = Integer(arg, Value()) }; break;
                case "--register":
                    registerName = Value();
                    registerVersion = Value();
                    break;
                default:
                    settings.Add(arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal)
                        ? arg
                        : throw new ArgumentException($"Unknown argument '{arg}'."));
                    break;
            }
        }

        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }

        if ((data is null) == (audit is null))
        {
            throw new ArgumentException("Either --data FILE or --from-audit DIR is required, not both.");
        }

        if (audit is null && (since is not null || until is not null))
        {
            throw new ArgumentException("--since and --until choose the window of --from-audit.");
        }

        if (since >= until)
        {
            throw new ArgumentException("--since must be before --until.");
        }

        return new TrainArguments
        {
            DataPath = data,
            AuditDirectory = audit,
            Since = since,
            Until = until,
            OutputDirectory = output ?? throw new ArgumentException("--out DIR is required."),
            Options = options,
            RegisterName = registerName,
            RegisterVersion = registerVersion,
            Settings = settings,
        };
    }

    private static DateTime Time(string option, string value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new ArgumentException($"{option} takes an ISO 8601 time, e.g. 2026-12-01T00:00:00Z, not '{value}'.");

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new ArgumentException($"{option} takes a whole number, not '{value}'.");

    private static double Real(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && double.IsFinite(result)
            ? result
            : throw new ArgumentException($"{option} takes a number, not '{value}'.");
}
