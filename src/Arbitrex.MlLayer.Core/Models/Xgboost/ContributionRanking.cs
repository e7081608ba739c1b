namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>Picks the features that moved a prediction most, without allocating.</summary>
public static class ContributionRanking
{
    /// <summary>
    /// Writes into <paramref name="top"/> the indices of the largest contributions by absolute value,
    /// largest first (ties: lower index first), and returns how many were written
    /// (<c>min(top.Length, contributions.Length)</c>). Pass the feature slots only, not the bias.
    /// </summary>
    public static int SelectTop(ReadOnlySpan<double> contributions, Span<int> top)
    {
        var count = 0;
        for (var i = 0; i < contributions.Length; i++)
        {
            var magnitude = Math.Abs(contributions[i]);
            var position = count;
            while (position > 0 && Math.Abs(contributions[top[position - 1]]) < magnitude)
            {
                position--;
            }

            if (position >= top.Length)
            {
                continue;
            }

            var last = Math.Min(count, top.Length - 1);
            for (var j = last; j > position; j--)
            {
                top[j] = top[j - 1];
            }

            top[position] = i;
            count = Math.Min(count + 1, top.Length);
        }

        return count;
    }
}
