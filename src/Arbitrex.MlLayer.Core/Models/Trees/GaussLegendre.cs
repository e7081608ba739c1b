using System.Runtime.Intrinsics;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// Gauss–Legendre quadrature on [0, 1]: with <c>n</c> points it integrates every polynomial of degree up to
/// <c>2n - 1</c> exactly (up to rounding).
/// </summary>
internal sealed class GaussLegendre
{
    private GaussLegendre(double[] nodes, double[] weights)
    {
        Nodes = nodes;
        Weights = weights;

        // Padding lanes weigh nothing; their node, 1/2, keeps every factor of TreeSHAP's walk finite and non-zero.
        var lanes = Vector256<double>.Count;
        NodeVectors = new Vector256<double>[(nodes.Length + lanes - 1) / lanes];
        WeightVectors = new Vector256<double>[NodeVectors.Length];
        for (var v = 0; v < NodeVectors.Length; v++)
        {
            var node = new double[lanes];
            var weight = new double[lanes];
            for (var lane = 0; lane < lanes; lane++)
            {
                var i = (v * lanes) + lane;
                (node[lane], weight[lane]) = i < nodes.Length ? (nodes[i], weights[i]) : (0.5, 0);
            }

            NodeVectors[v] = Vector256.Create(node);
            WeightVectors[v] = Vector256.Create(weight);
        }
    }

    public double[] Nodes { get; }

    public double[] Weights { get; }

    /// <summary>The nodes, four to a vector, the last padded.</summary>
    public Vector256<double>[] NodeVectors { get; }

    /// <summary>The weights in the lanes of <see cref="NodeVectors"/>, zero in the padding.</summary>
    public Vector256<double>[] WeightVectors { get; }

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
