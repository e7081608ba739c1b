namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// Gauss–Legendre quadrature on [0, 1]: with <c>n</c> points it integrates every polynomial of degree up to
/// <c>2n - 1</c> exactly (up to rounding).
/// </summary>
internal sealed class GaussLegendre
{
    /// <summary>Lanes the padded arrays are a multiple of: a Vector512 of doubles.</summary>
    public const int PaddedLanes = 8;

    private GaussLegendre(double[] nodes, double[] weights)
    {
        Nodes = nodes;
        Weights = weights;

        // Padding lanes weigh nothing; their node, 1/2, keeps every factor of TreeSHAP's passes finite and non-zero.
        var padded = (nodes.Length + PaddedLanes - 1) / PaddedLanes * PaddedLanes;
        PaddedNodes = [.. nodes, .. Enumerable.Repeat(0.5, padded - nodes.Length)];
        PaddedWeights = [.. weights, .. new double[padded - nodes.Length]];
    }

    public double[] Nodes { get; }

    public double[] Weights { get; }

    /// <summary>The nodes, padded to a multiple of <see cref="PaddedLanes"/> with 1/2.</summary>
    public double[] PaddedNodes { get; }

    /// <summary>The weights of <see cref="PaddedNodes"/>, zero in the padding.</summary>
    public double[] PaddedWeights { get; }

    /// <summary>The <paramref name="points"/>-point rule, its nodes found by Newton's method on the Legendre polynomial.</summary>
    public static GaussLegendre Create(int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var nodes = new double[points];
        var weights = new double[points];
        for (var i = 0; i < points; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (points + 0.5));
            double derivative;
            for (var iteration = 0; ; iteration++)
            {
                var (value, previous) = Legendre(points, x);
                derivative = points * ((x * value) - previous) / ((x * x) - 1);
                var step = value / derivative;
                x -= step;
                if (Math.Abs(step) <= 1e-16 || iteration == 100)
                {
                    (value, previous) = Legendre(points, x);
                    derivative = points * ((x * value) - previous) / ((x * x) - 1);
                    break;
                }
            }

            nodes[i] = (1 - x) / 2;
            weights[i] = 1 / ((1 - (x * x)) * derivative * derivative);
        }

        return new GaussLegendre(nodes, weights);
    }

    /// <summary>P_n(x) and P_{n-1}(x) by the three-term recurrence.</summary>
    private static (double Value, double Previous) Legendre(int n, double x)
    {
        double previous = 1, value = x;
        for (var k = 2; k <= n; k++)
        {
            (previous, value) = (value, (((2 * k) - 1) * x * value - ((k - 1) * previous)) / k);
        }

        return n == 0 ? (1, 0) : (value, previous);
    }
}
