namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// The two-sided two-sample Kolmogorov–Smirnov test as <c>scipy.stats.ks_2samp(a, b)</c> computes it by default:
/// its <c>method='auto'</c> is exact when neither sample exceeds 10,000 values, and the drift window and baseline
/// sample are bounded below that, so only the exact distribution is implemented (larger samples are refused).
/// The p-value is P(D ≥ d) under the null hypothesis, counted on the lattice of paths from (0, 0) to (m, n):
/// for equal sizes by the alternating sum scipy uses (<c>_compute_prob_outside_square</c>), otherwise by the
/// recursion for the share of paths leaving the band |x/m − y/n| &lt; d (Hodges 1958, computed for 1 − p
/// directly as in Viehmann 2021, arXiv:2102.08037), so small p-values do not cancel.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>The largest sample <c>ks_2samp</c>'s default treats exactly.</summary>
    public const int MaxExactSize = 10_000;

    /// <exception cref="ArgumentException">A sample is empty, holds more than <see cref="MaxExactSize"/> values, or holds NaN.</exception>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        Check(first, nameof(first));
        Check(second, nameof(second));
        var a = first.ToArray();
        var b = second.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        long n1 = a.Length;
        long n2 = b.Length;

        var d = Distance(a, b);
        var g = Gcd(n1, n2);
        var lcm = n1 / g * n2;
        var h = (long)Math.Round(d * lcm);
        d = (double)h / lcm;
        if (h == 0)
        {
            return new KolmogorovSmirnovResult(d, 1.0);
        }

        var p = n1 == n2 ? OutsideSquare(n1, h) : OutsideBand(n1, n2, g, h);
        return new KolmogorovSmirnovResult(d, Math.Clamp(p, 0.0, 1.0));
    }

    private static void Check(ReadOnlySpan<double> sample, string name)
    {
        if (sample.IsEmpty || sample.Length > MaxExactSize)
        {
            throw new ArgumentException($"A KS sample needs 1 to {MaxExactSize} values; got {sample.Length}.", name);
        }

        foreach (var value in sample)
        {
            if (double.IsNaN(value))
            {
                throw new ArgumentException("A KS sample must not hold NaN.", name);
            }
        }
    }

    /// <summary>max over every value v of either sample of |F₁(v) − F₂(v)|, the CDFs counting values ≤ v (scipy's searchsorted 'right').</summary>
    private static double Distance(double[] a, double[] b)
    {
        double largest = 0, smallest = 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var v = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] <= v)
            {
                i++;
            }

            while (j < b.Length && b[j] <= v)
            {
                j++;
            }

            var difference = ((double)i / a.Length) - ((double)j / b.Length);
            largest = Math.Max(largest, difference);
            smallest = Math.Min(smallest, difference);
        }

        var below = Math.Clamp(-smallest, 0, 1);
        return below > largest ? below : largest;
    }

    /// <summary>P(D ≥ h/n) for two samples of n: 2 Σ (−1)^(k−1) C(2n, n − kh) / C(2n, n), in Horner form.</summary>
    private static double OutsideSquare(long n, long h)
    {
        var p = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var term = 1.0;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            p = term * (1.0 - p);
        }

        return 2 * p;
    }

    /// <summary>
    /// The share of lattice paths from (0, 0) to (m, n) that touch |x·n/g − y·m/g| ≥ h. Q(x, y), the share of paths to
    /// (x, y) that have left the band, is 1 outside it and (x·Q(x−1, y) + y·Q(x, y−1)) / (x + y) inside; one column
    /// of the band is kept at a time.
    /// </summary>
    private static double OutsideBand(long n1, long n2, long g, long h)
    {
        var (m, n) = n1 >= n2 ? (n1, n2) : (n2, n1);
        var mg = m / g;
        var ng = n / g;
        var previous = new double[n + 1];
        var current = new double[n + 1];

        // Column x = 0: inside while y·m/g < h, reached only from below, so 0 until the band is left.
        var previousLow = 0L;
        var previousHigh = Math.Min(CeilingDivision(h, mg), n + 1);
        Array.Clear(previous);
        for (var x = 1L; x <= m; x++)
        {
            var low = Math.Min(Math.Max(FloorDivision((ng * x) - h, mg) + 1, 0), n);
            var high = Math.Min(CeilingDivision((ng * x) + h, mg), n + 1);
            if (high <= low)
            {
                return 1.0;
            }

            var below = 1.0;
            for (var y = low; y < high; y++)
            {
                var left = y >= previousLow && y < previousHigh ? previous[y] : 1.0;
                below = ((left * x) + (below * y)) / (x + y);
                current[y] = below;
            }

            (previous, current) = (current, previous);
            (previousLow, previousHigh) = (low, high);
        }

        return previous[n];
    }

    private static long FloorDivision(long numerator, long denominator) =>
        numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator);

    private static long CeilingDivision(long numerator, long denominator) =>
        numerator >= 0 ? (numerator + denominator - 1) / denominator : -(-numerator / denominator);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
