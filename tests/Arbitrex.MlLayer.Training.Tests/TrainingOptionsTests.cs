namespace Arbitrex.MlLayer.Training.Tests;

[Trait("Category", "Unit")]
public sealed class TrainingOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new TrainingOptions().Validate());
    }

    [Fact]
    public void Each_option_out_of_range_is_named_in_its_message()
    {
        var errors = new TrainingOptions { Leaves = 1, Trees = 0, LearningRate = 2, MinRowsPerLeaf = 0, ValidationFraction = 0.95, MinimumRows = 5 }.Validate();

        Assert.Equal(6, errors.Count);
        Assert.Contains("The field Leaves must be between 2 and 131072.", errors);
        Assert.Contains("The field ValidationFraction must be between 0.01 and 0.9.", errors);
    }
}
