using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>The last N decisions in a ring of references: recording stores one pointer, reading walks newest first.</summary>
internal sealed class DecisionHistory(int size)
{
    private readonly MlDecision?[] _ring = new MlDecision?[size];
    private long _written;
    private long _resetMark;

    public void Add(MlDecision decision)
    {
        var index = Interlocked.Increment(ref _written) - 1;
        Volatile.Write(ref _ring[index % _ring.Length], decision);
    }

    public void Clear() => Volatile.Write(ref _resetMark, Volatile.Read(ref _written));

    public IReadOnlyList<MlDecision> Newest(int limit, string? symbol, bool? allowed)
    {
        var result = new List<MlDecision>(Math.Min(limit, _ring.Length));
        var written = Volatile.Read(ref _written);
        var oldest = Math.Max(Volatile.Read(ref _resetMark), written - _ring.Length);
        for (var index = written - 1; index >= oldest && result.Count < limit; index--)
        {
            var decision = Volatile.Read(ref _ring[index % _ring.Length]);
            if (decision is null
                || (symbol is not null && !string.Equals(decision.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
                || (allowed is not null && decision.AllowTrade != allowed.Value))
            {
                continue;
            }

            result.Add(decision);
        }

        return result;
    }
}
