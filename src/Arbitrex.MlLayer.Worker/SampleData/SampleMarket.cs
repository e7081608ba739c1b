using System.Globalization;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.SampleData;

/// <summary>
/// The embedded demo's market: bars computed from simulated prices with trending, ranging and volatile
/// stretches (<c>sample_market.csv</c>, written by <c>tools/sample-data/make_sample_market.py</c>).
/// A bar time maps to one row of a symbol's series, cyclically and with a per-symbol offset, so the same bar is
/// always the same content and the symbols are not all in the same stretch at once.
/// </summary>
internal sealed class SampleMarket
{
    private const string ResourceName = "Arbitrex.MlLayer.Worker.SampleData.sample_market.csv";
    private const int FirstFeatureColumn = 3;
    private const int GateCount = 5;

    private readonly Dictionary<string, SampleMarketBar[]> _series;
    private readonly string[] _symbols;

    private SampleMarket(Dictionary<string, SampleMarketBar[]> series)
    {
        _series = series;
        _symbols = [.. series.Keys];
        BarsPerSymbol = series.Values.Min(s => s.Length);
    }

    /// <summary>The data set shipped inside the worker.</summary>
    public static SampleMarket Embedded { get; } = LoadEmbedded();

    /// <summary>The symbols the data set was simulated for; any other symbol borrows one of their series.</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    public int BarsPerSymbol { get; }

    /// <summary>The row a symbol's bar at <paramref name="barTime"/> replays.</summary>
    public SampleMarketBar Row(string symbol, TimeSpan barLength, DateTime barTime)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var seriesIndex = Array.IndexOf(_symbols, symbol);
        var offset = seriesIndex >= 0 ? seriesIndex * BarsPerSymbol / _symbols.Length : StableHash(symbol) % BarsPerSymbol;
        var series = _series[_symbols[seriesIndex >= 0 ? seriesIndex : StableHash(symbol) % _symbols.Length]];
        var position = (barTime.Ticks / barLength.Ticks) + offset;
        return series[(int)(position % BarsPerSymbol)];
    }

    /// <summary>Both halves of a symbol's bar, as a feature pipeline and the QSE would publish them.</summary>
    public (FeatureSnapshot Features, QseOutput Qse) Bar(string symbol, string timeframe, TimeSpan barLength, DateTime barTime)
    {
        var row = Row(symbol, barLength, barTime);
        var features = new Dictionary<string, double>(CanonicalFeatures.All.Count, StringComparer.Ordinal);
        for (var i = 0; i < CanonicalFeatures.All.Count; i++)
        {
            features[CanonicalFeatures.All[i]] = row.Features[i];
        }

        var snapshot = new FeatureSnapshot { Symbol = symbol, Timeframe = timeframe, BarTime = barTime, Features = features };
        var qse = new QseOutput
        {
            Symbol = symbol,
            Timeframe = timeframe,
            BarTime = barTime,
            SignalValid = row.Gates.All(g => g.Passed),
            Gates = new QseGates
            {
                TrendPersistence = row.Gates[0],
                Stationarity = row.Gates[1],
                ZScore = row.Gates[2],
                Autocorrelation = row.Gates[3],
                SignalValidity = row.Gates[4],
            },
        };
        return (snapshot, qse);
    }

    internal static SampleMarket Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.Split(',') ?? throw new InvalidDataException("sample market: empty file");
        var expected = FirstFeatureColumn + CanonicalFeatures.All.Count + GateCount;
        if (header.Length != expected || !header.AsSpan(FirstFeatureColumn, CanonicalFeatures.All.Count).SequenceEqual(CanonicalFeatures.All.ToArray()))
        {
            throw new InvalidDataException("sample market: the header does not list symbol, index, simulated_regime, the 16 canonical features and five gates");
        }

        var rows = new Dictionary<string, List<SampleMarketBar>>(StringComparer.Ordinal);
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            var cells = line.Split(',');
            if (cells.Length != expected)
            {
                throw new InvalidDataException($"sample market line {lineNumber}: {cells.Length} cells, expected {expected}");
            }

            var features = new double[CanonicalFeatures.All.Count];
            for (var i = 0; i < features.Length; i++)
            {
                features[i] = double.Parse(cells[FirstFeatureColumn + i], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            var gates = new QseGate[GateCount];
            for (var i = 0; i < GateCount; i++)
            {
                var cell = cells[FirstFeatureColumn + features.Length + i];
                var failed = cell.EndsWith('!');
                gates[i] = new QseGate { Passed = !failed, Value = double.Parse(failed ? cell[..^1] : cell, NumberStyles.Float, CultureInfo.InvariantCulture) };
            }

            if (!rows.TryGetValue(cells[0], out var series))
            {
                rows[cells[0]] = series = [];
            }

            series.Add(new SampleMarketBar(cells[2], features, gates));
        }

        return rows.Count == 0
            ? throw new InvalidDataException("sample market: no bars")
            : new SampleMarket(rows.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }

    private static SampleMarket LoadEmbedded()
    {
        using var stream = typeof(SampleMarket).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The worker assembly lacks its embedded resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        return Load(reader);
    }

    // string.GetHashCode is randomised per process; the same symbol must replay the same series in every run.
    private static int StableHash(string symbol)
    {
        var hash = 17;
        foreach (var c in symbol)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & int.MaxValue;
    }
}
