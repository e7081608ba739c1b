using Arbitrex.MlLayer.Training.LightGbm;

namespace Arbitrex.MlLayer.Training.Tests.LightGbm;

[Trait("Category", "Unit")]
public sealed class FloatSplitThresholdTests
{
    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.1f)]
    [InlineData(-0.1f)]
    [InlineData(0f)]
    [InlineData(float.Epsilon)]
    [InlineData(-float.Epsilon)]
    [InlineData(1e-30f)]
    [InlineData(123456.78f)]
    [InlineData(float.MaxValue)]
    [InlineData(-float.MaxValue)]
    public void A_double_goes_left_exactly_when_its_float_goes_left(float threshold)
    {
        var boundary = FloatSplitThreshold.ToDouble(threshold);

        Assert.True((float)boundary <= threshold, "the boundary itself goes left");
        Assert.False((float)Math.BitIncrement(boundary) <= threshold, "the next double up goes right");
        Assert.True(boundary >= threshold, "a float equal to the threshold goes left");
    }

    [Fact]
    public void Random_doubles_around_random_thresholds_split_the_same_way_as_their_floats()
    {
        var random = new Random(3);
        for (var i = 0; i < 200_000; i++)
        {
            var threshold = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8)));
            var boundary = FloatSplitThreshold.ToDouble(threshold);
            var x = threshold + ((random.NextDouble() - 0.5) * Math.Abs(threshold) * 1e-6);

            Assert.Equal((float)x <= threshold, x <= boundary);
        }
    }

    [Fact]
    public void Infinite_thresholds_stay_infinite_and_nan_is_refused()
    {
        Assert.Equal(double.PositiveInfinity, FloatSplitThreshold.ToDouble(float.PositiveInfinity));
        Assert.Equal(double.NegativeInfinity, FloatSplitThreshold.ToDouble(float.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => FloatSplitThreshold.ToDouble(float.NaN));
    }
}
