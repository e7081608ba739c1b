namespace Arbitrex.MlLayer.Trainer.Tests;

[Trait("Category", "Unit")]
public sealed class TrainArgumentsTests
{
    [Fact]
    public void Every_option_is_read_and_settings_are_passed_through()
    {
        var arguments = TrainArguments.Parse(
        [
            "--data", "bars.csv", "--out", "out", "--leaves", "15", "--trees", "50", "--learning-rate", "0.05",
            "--min-rows-per-leaf", "10", "--seed", "7", "--validation-fraction", "0.25", "--min-rows", "500",
            "--register", "signal_filter", "v1.2.0", "--Registry:Root=/tmp/models",
        ]);

        Assert.Equal(("bars.csv", "out"), (arguments.DataPath, arguments.OutputDirectory));
        Assert.Equal((15, 50, 0.05, 10, 7, 0.25, 500), (
            arguments.Options.Leaves, arguments.Options.Trees, arguments.Options.LearningRate, arguments.Options.MinRowsPerLeaf,
            arguments.Options.Seed, arguments.Options.ValidationFraction, arguments.Options.MinimumRows));
        Assert.Equal(("signal_filter", "v1.2.0"), (arguments.RegisterName, arguments.RegisterVersion));
        Assert.Equal(["--Registry:Root=/tmp/models"], arguments.Settings);
    }

    [Fact]
    public void Options_left_out_keep_their_defaults()
    {
        var arguments = TrainArguments.Parse(["--data", "bars.csv", "--out", "out"]);

        Assert.Equal(new Training.TrainingOptions(), arguments.Options);
        Assert.Null(arguments.RegisterName);
    }

    [Fact]
    public void The_audit_log_and_its_window_are_read_in_utc()
    {
        var arguments = TrainArguments.Parse(["--from-audit", "logs/ml_layer", "--since", "2026-12-01T00:00:00Z", "--until", "2026-12-03T12:00:00+02:00", "--out", "out"]);

        Assert.Null(arguments.DataPath);
        Assert.Equal("logs/ml_layer", arguments.AuditDirectory);
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), arguments.Since);
        Assert.Equal(new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc), arguments.Until);
        Assert.Equal(DateTimeKind.Utc, arguments.Until!.Value.Kind);
    }

    [Theory]
    [InlineData(new[] { "--out", "out" }, "Either --data FILE or --from-audit DIR is required, not both.")]
    [InlineData(new[] { "--data", "bars.csv", "--from-audit", "logs", "--out", "out" }, "Either --data FILE or --from-audit DIR is required, not both.")]
    [InlineData(new[] { "--data", "bars.csv", "--since", "2026-12-01T00:00:00Z", "--out", "out" }, "--since and --until choose the window of --from-audit.")]
    [InlineData(new[] { "--from-audit", "logs", "--since", "2026-12-02T00:00:00Z", "--until", "2026-12-01T00:00:00Z", "--out", "out" }, "--since must be before --until.")]
    [InlineData(new[] { "--from-audit", "logs", "--since", "last week", "--out", "out" }, "--since takes an ISO 8601 time, e.g. 2026-12-01T00:00:00Z, not 'last week'.")]
    [InlineData(new[] { "--data", "bars.csv" }, "--out DIR is required.")]
    [InlineData(new[] { "--data", "bars.csv", "--out", "out", "--trees", "many" }, "--trees takes a whole number, not 'many'.")]
    [InlineData(new[] { "--data", "bars.csv", "--out", "out", "--leaves", "1" }, "The field Leaves must be between 2 and 131072.")]
    [InlineData(new[] { "--data", "bars.csv", "--out", "out", "--register", "signal_filter" }, "--register needs a value.")]
    [InlineData(new[] { "--data", "bars.csv", "--out", "out", "--depth", "3" }, "Unknown argument '--depth'.")]
    public void A_bad_command_line_is_refused_saying_what_is_wrong(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => TrainArguments.Parse(args));

        Assert.Equal(message, error.Message);
    }
}
