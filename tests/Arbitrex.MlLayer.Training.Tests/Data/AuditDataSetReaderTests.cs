using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Training.Data;
using Arbitrex.MlLayer.Training.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Training.Tests.Data;

[Trait("Category", "Unit")]
public sealed class AuditDataSetReaderTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyDictionary<string, double> Features =
        Contracts.CanonicalFeatures.All.Select((name, f) => (name, f / 10.0)).ToDictionary(p => p.name, p => p.Item2);

    [Fact]
    public async Task Bus_decisions_with_an_outcome_become_rows_in_time_order_labelled_with_the_outcome()
    {
        using var folder = new TempFolder();
        await using (var writer = AuditedBars.Writer(folder.Path))
        {
            var later = AuditedBars.Decision("later", Start.AddHours(2));
            var earlier = AuditedBars.Decision("earlier", Start.AddHours(1));
            var noOutcome = AuditedBars.Decision("no-outcome", Start.AddHours(3));
            var failClosed = AuditedBars.Decision("fail-closed", Start.AddHours(4));
            var whatIf = AuditedBars.Decision("what-if", Start.AddHours(5), DecisionSource.Http);
            await writer.AppendAsync(later, Features, null);
            await writer.AppendAsync(earlier, Features, null);
            await writer.AppendAsync(noOutcome, Features, null);
            await writer.AppendAsync(failClosed, null, null);
            await writer.AppendAsync(whatIf, Features, null, DecisionSource.Http);

            // Outcomes arrive late and in any order; a second one for a decision is not a second row.
            await writer.AppendEventAsync(AuditRecordTypes.Outcome, AuditedBars.Outcome(earlier, success: false));
            await writer.AppendEventAsync(AuditRecordTypes.Outcome, AuditedBars.Outcome(later, success: true));
            await writer.AppendEventAsync(AuditRecordTypes.Outcome, AuditedBars.Outcome(failClosed, success: true));
            await writer.AppendEventAsync(AuditRecordTypes.Outcome, AuditedBars.Outcome(whatIf, success: true));
        }

        var dataSet = AuditDataSetReader.Read(folder.Path);

        Assert.Equal([Start.AddHours(1), Start.AddHours(2)], dataSet.Rows.Select(r => r.BarTime.UtcDateTime));
        Assert.Equal([false, true], dataSet.Rows.Select(r => r.Label));
        Assert.Equal([1, 2], dataSet.Rows.Select(r => r.Line));
        Assert.Equal(Contracts.CanonicalFeatures.All.Select(n => Features[n]), dataSet.Rows[0].Features);
        Assert.Equal(Path.GetFullPath(folder.Path), dataSet.SourcePath);
        Assert.Matches("^[0-9a-f]{64}$", dataSet.Sha256);
    }

    [Fact]
    public async Task Since_and_until_choose_the_bars_from_since_up_to_but_not_including_until()
    {
        using var folder = new TempFolder();
        await using (var writer = AuditedBars.Writer(folder.Path))
        {
            for (var hour = 0; hour < 5; hour++)
            {
                var decision = AuditedBars.Decision("h" + hour, Start.AddHours(hour));
                await writer.AppendAsync(decision, Features, null);
                await writer.AppendEventAsync(AuditRecordTypes.Outcome, AuditedBars.Outcome(decision, success: hour % 2 == 0));
            }
        }

        var window = AuditDataSetReader.Read(folder.Path, since: Start.AddHours(1), until: Start.AddHours(3));
        var all = AuditDataSetReader.Read(folder.Path);

        Assert.Equal([Start.AddHours(1), Start.AddHours(2)], window.Rows.Select(r => r.BarTime.UtcDateTime));
        Assert.Equal(5, all.Rows.Count);
        Assert.NotEqual(all.Sha256, window.Sha256);
    }

    [Fact]
    public void A_missing_audit_log_is_refused_naming_it()
    {
        var error = Assert.Throws<TrainingDataException>(() => AuditDataSetReader.Read("/nonexistent/audit"));

        Assert.StartsWith("The audit log '/nonexistent/audit' cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_from_the_audit_log_gives_the_model_the_same_rows_in_a_file_give()
    {
        using var folder = new TempFolder();
        var csv = folder.Write("bars.csv", SyntheticDataSet.Csv(400));
        var rows = DataSetReader.Read(csv).Rows;
        var audit = Path.Combine(folder.Path, "audit");
        await AuditedBars.WriteAsync(audit, rows);
        var options = new TrainingOptions { Trees = 20 };
        var trainer = new ModelTrainer(NullLogger<ModelTrainer>.Instance, new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero)));

        var fromFile = trainer.Train(csv, Path.Combine(folder.Path, "file"), options);
        var fromAudit = trainer.Train(AuditDataSetReader.Read(audit), Path.Combine(folder.Path, "audited"), options);

        Assert.Equal(File.ReadAllBytes(fromFile.ModelPath), File.ReadAllBytes(fromAudit.ModelPath));
        Assert.Equal(fromFile.Split.Training.Count, fromAudit.Split.Training.Count);
        Assert.Equal(fromFile.Validation.Auc, fromAudit.Validation.Auc);
        Assert.Equal(fromFile.Metadata.TrainingSamples, fromAudit.Metadata.TrainingSamples);
    }
}
