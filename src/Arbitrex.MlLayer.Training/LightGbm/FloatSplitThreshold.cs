namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>
/// Microsoft.ML compares a feature as a 32-bit float against a 32-bit threshold: <c>(float)x &lt;= t</c>.
/// A LightGBM text model compares doubles: <c>x &lt;= d</c>. The <c>d</c> that makes the two agree for
/// every double <c>x</c> is the largest double that still rounds to a float no greater than <c>t</c>:
/// just below the midpoint between <c>t</c> and the next float up (or the midpoint itself when
/// round-half-to-even takes it down to <c>t</c>). For a feature that already is a float, <c>x &lt;= d</c>
/// and <c>x &lt;= (double)t</c> agree too, so the written model is exact for both.
/// </summary>
public static class FloatSplitThreshold
{
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is NaN.</exception>
    public static double ToDouble(float threshold)
    {
        if (float.IsNaN(threshold))
        {
            throw new ArgumentException("A split threshold cannot be NaN.", nameof(threshold));
        }

        if (float.IsInfinity(threshold))
        {
            return threshold;
        }

        // float.MaxValue has no finite successor; the rounding boundary is half its ulp (2^104) above it.
        double next = threshold == float.MaxValue ? float.MaxValue + Math.ScaleB(1.0, 104) : MathF.BitIncrement(threshold);
        double midpoint = threshold + ((next - threshold) / 2);
        var evenMantissa = (BitConverter.SingleToInt32Bits(threshold) & 1) == 0;
        return evenMantissa ? midpoint : Math.BitDecrement(midpoint);
    }
}
