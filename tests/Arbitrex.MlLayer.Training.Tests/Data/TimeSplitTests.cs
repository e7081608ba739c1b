using Arbitrex.MlLayer.Training.Data;

namespace Arbitrex.MlLayer.Training.Tests.Data;

[Trait("Category", "Unit")]
public sealed class TimeSplitTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_newest_rows_validate_and_every_one_is_newer_than_every_training_row()
    {
        var rows = Rows(Enumerable.Range(0, 100).Select(i => Start.AddHours(i)));

        var split = TimeSplit.Of(rows, 0.2);

        Assert.Equal(80, split.Training.Count);
        Assert.Equal(20, split.Validation.Count);
        Assert.True(split.Training[^1].BarTime < split.Validation[0].BarTime);
        Assert.Equal(rows, [.. split.Training, .. split.Validation]);
    }

    [Fact]
    public void Rows_sharing_the_bar_time_at_the_cut_all_train()
    {
        // Rows 7, 8 and 9 share one bar_time; a cut at 8 would put that bar on both sides.
        var times = Enumerable.Range(0, 12).Select(i => Start.AddHours(i is 8 or 9 ? 7 : i));
        var rows = Rows(times);

        var split = TimeSplit.Of(rows, 0.33);

        Assert.Equal(10, split.Training.Count);
        Assert.True(split.Training[^1].BarTime < split.Validation[0].BarTime);
    }

    [Fact]
    public void A_data_set_of_one_bar_time_cannot_be_split()
    {
        var rows = Rows(Enumerable.Repeat(Start, 10));

        var error = Assert.Throws<TrainingDataException>(() => TimeSplit.Of(rows, 0.2));

        Assert.Contains("no validation rows", error.Message, StringComparison.Ordinal);
    }

    private static List<TrainingRow> Rows(IEnumerable<DateTimeOffset> times) =>
        [.. times.Select((t, i) => new TrainingRow(t, new double[16], i % 2 == 0, i + 2))];
}
