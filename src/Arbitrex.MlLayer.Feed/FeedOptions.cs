using System.Globalization;

namespace Arbitrex.MlLayer.Feed;

/// <summary>Command line of the feed tool.</summary>
internal sealed record FeedOptions
{
    public const string Usage = """
        arbitrex-feed — publishes FeatureSnapshot/QseOutput pairs to the ML layer's RabbitMQ exchanges (MassTransit, raw JSON)

        usage:
          arbitrex-feed synthetic [options]      generated bars: symbols x bars
          arbitrex-feed file <bars.jsonl> [opts] one FeatureSnapshot or QseOutput (snake_case JSON) per line

        options:
          --uri <amqp uri>          broker (default amqp://guest:guest@localhost:5672/, or env RABBITMQ_URI)
          --symbols <n | A,B,..>    synthetic: number of symbols or a list (default 10)
          --symbol-prefix <text>    synthetic: prefix of generated symbol names (default SYN)
          --bars <n>                synthetic: bars per symbol (default 10)
          --timeframe <tf>          synthetic: e.g. 15M, 1H, 4H, 1D (default 4H)
          --start <iso utc>         synthetic: first bar time (default 2025-12-22T00:00:00Z)
          --seed <n>                synthetic: random seed (default 1)
          --rate <n>                halves per second, 0 = as fast as confirms allow (default 0)
          --shuffle                 random order of the two halves of each bar
          --duplicates <fraction>   share of halves published twice, 0..1 (default 0)
          --wait                    wait for the decisions and report end-to-end latency
          --timeout <seconds>       how long --wait waits for the last decision (default 60)
          --outcomes                publish a synthetic trade outcome for each of this run's decisions (implies --wait)
          --outcome-hit-rate <r=p,..>  true hit rate per regime, e.g. trending=0.6,ranging=0.45 (others 0.5)
          --outcome-delay <seconds> each outcome follows its decision after a random delay up to this, so
                                    outcomes arrive late and out of order (default 2)
        """;

    public required string Mode { get; init; }

    public string? File { get; init; }

    public string Uri { get; init; } = Environment.GetEnvironmentVariable("RABBITMQ_URI") ?? "amqp://guest:guest@localhost:5672/";

    public IReadOnlyList<string> Symbols { get; init; } = [];

    public int Bars { get; init; } = 10;

    public string Timeframe { get; init; } = "4H";

    public DateTime Start { get; init; } = new(2025, 12, 22, 0, 0, 0, DateTimeKind.Utc);

    public int Seed { get; init; } = 1;

    public double Rate { get; init; }

    public bool Shuffle { get; init; }

    public double Duplicates { get; init; }

    public bool Wait { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool Outcomes { get; init; }

    /// <summary>True hit rate of the synthetic outcomes per regime label (upper case); a regime not named has 0.5.</summary>
    public IReadOnlyDictionary<string, double> OutcomeHitRates { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    public TimeSpan OutcomeDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <exception cref="ArgumentException">The command line is not understood.</exception>
    public static FeedOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("synthetic" or "file"))
        {
            throw new ArgumentException("first argument must be 'synthetic' or 'file'");
        }

        var options = new FeedOptions { Mode = args[0] };
        var i = 1;
        if (options.Mode == "file")
        {
            if (args.Count < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException("file mode needs the path of a JSONL file");
            }

            options = options with { File = args[1] };
            i = 2;
        }

        var symbols = "10";
        var prefix = "SYN";
        for (; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            if (name == "--symbols")
            {
                symbols = Value();
                continue;
            }

            if (name == "--symbol-prefix")
            {
                prefix = Value();
                continue;
            }

            options = name switch
            {
                "--uri" => options with { Uri = Value() },
                "--bars" => options with { Bars = PositiveInt(name, Value()) },
                "--timeframe" => options with { Timeframe = Value() },
                "--start" => options with { Start = UtcTime(name, Value()) },
                "--seed" => options with { Seed = Integer(name, Value()) },
                "--rate" => options with { Rate = HalvesPerSecond(name, Value()) },
                "--shuffle" => options with { Shuffle = true },
                "--duplicates" => options with { Duplicates = Fraction(name, Value()) },
                "--wait" => options with { Wait = true },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(PositiveInt(name, Value())) },
                "--outcomes" => options with { Outcomes = true, Wait = true },
                "--outcome-hit-rate" => options with { OutcomeHitRates = HitRates(name, Value()) },
                "--outcome-delay" => options with { OutcomeDelay = Seconds(name, Value()) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        var list = int.TryParse(symbols, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? Enumerable.Range(0, count).Select(n => prefix + n.ToString("D3", CultureInfo.InvariantCulture)).ToList()
            : symbols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("--symbols must name at least one symbol");
        }

        return options with { Symbols = list };
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer");

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} must be an integer");

    private static double HalvesPerSecond(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && double.IsFinite(r) && r >= 0
            ? r
            : throw new ArgumentException($"{name} must be a number of halves per second, 0 or more");

    private static DateTime UtcTime(string name, string value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new ArgumentException($"{name} must be an ISO-8601 time, e.g. 2025-12-22T00:00:00Z");

    private static Dictionary<string, double> HitRates(string name, string value)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0)
            {
                throw new ArgumentException($"{name} takes regime=rate pairs, e.g. trending=0.6,ranging=0.45; not '{part}'");
            }

            rates[pair[0].ToUpperInvariant()] = Fraction($"{name} {pair[0]}", pair[1]);
        }

        return rates.Count > 0 ? rates : throw new ArgumentException($"{name} needs at least one regime=rate pair");
    }

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && s is >= 0 and <= 86_400
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"{name} must be a number of seconds between 0 and 86400");

    private static double Fraction(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1 ? f : throw new ArgumentException($"{name} must be between 0 and 1");
}
