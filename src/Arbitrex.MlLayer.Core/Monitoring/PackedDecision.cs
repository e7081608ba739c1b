using System.Buffers.Binary;
using System.Text;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// An <see cref="MlDecision"/> packed into bytes for the decision history and the bus worker's audited decisions whose
/// publish is not confirmed yet, so that keeping N decisions holds N reference-free byte arrays instead of N object
/// graphs that every collection has to promote and trace.
/// </summary>
/// <remarks>
/// In-process only, never persisted: little-endian numbers, strings as UTF-8 (the contract's strings are ASCII
/// nearly always: half the bytes of UTF-16 for the 10,000 entries a full history keeps). Layout: allow_trade
/// (1 byte), symbol first (so the history can filter without unpacking), then every other member in declaration
/// order; a string is an <see cref="int"/> byte count and its UTF-8 bytes, a collection an <see cref="int"/> count and its
/// items, a date its <see cref="DateTime.ToBinary"/> value. Dictionaries come back in their enumeration order.
/// </remarks>
// Over 300 lines on purpose: the layout, its measuring writer and its reader must change together.
public static class PackedDecision
{
    private const int AllowTradeOffset = 0;
    private const int SymbolOffset = 1;

    /// <summary>Bytes <see cref="Pack"/> writes for <paramref name="decision"/>.</summary>
    public static int SizeOf(MlDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var measure = Writer.Measuring();
        Walk(decision, ref measure);
        return measure.Size;
    }

    /// <summary>Writes <paramref name="decision"/> to the start of <paramref name="destination"/> (at least <see cref="SizeOf"/> bytes).</summary>
    public static void Pack(MlDecision decision, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var writer = new Writer(destination);
        Walk(decision, ref writer);
    }

    /// <summary>The layout, written once: measuring and packing walk the same members in the same order.</summary>
    private static void Walk(MlDecision decision, ref Writer writer)
    {
        writer.Bool(decision.AllowTrade);
        writer.String(decision.Symbol);
        writer.String(decision.DecisionId);
        writer.String(decision.Timeframe);
        writer.Date(decision.BarTime);
        writer.Date(decision.Timestamp);

        var regime = decision.Regime;
        writer.String(regime.RegimeLabel);
        writer.Double(regime.Confidence);
        writer.Double(regime.EfficiencyRatio);
        // Indexed loops and concrete dictionary types: an interface foreach would allocate its enumerator.
        writer.Pairs(regime.Probabilities);

        var signal = decision.Signal;
        writer.Double(signal.SuccessProbability);
        writer.Bool(signal.ShouldEnter);
        writer.Bool(signal.ShouldExit);
        writer.String(signal.ConfidenceLevel);
        var topFeatures = signal.TopFeatures;
        writer.Int(topFeatures.Count);
        for (var i = 0; i < topFeatures.Count; i++)
        {
            writer.String(topFeatures[i].Name);
            writer.Double(topFeatures[i].Importance);
        }

        var reasons = decision.DecisionReasons;
        writer.Int(reasons.Count);
        for (var i = 0; i < reasons.Count; i++)
        {
            writer.String(reasons[i]);
        }

        writer.Bool(decision.QseValid);
        writer.Double(decision.ProcessingTimeMs);
        writer.String(decision.ConfigHash);
        writer.Pairs(decision.ModelVersions);
    }

    public static bool AllowTrade(ReadOnlySpan<byte> packed) => packed[AllowTradeOffset] != 0;

    /// <summary>The symbol's UTF-8 bytes, read in place.</summary>
    public static ReadOnlySpan<byte> Symbol(ReadOnlySpan<byte> packed)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(packed[SymbolOffset..]);
        return packed.Slice(SymbolOffset + sizeof(int), length);
    }

    /// <summary>Whether the packed symbol is <paramref name="symbol"/>, ignoring case, without unpacking the decision.</summary>
    public static bool SymbolEquals(ReadOnlySpan<byte> packed, string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var utf8 = Symbol(packed);
        // A symbol is a few ASCII letters; the pool covers whatever else a caller stored.
        char[]? rented = null;
        var chars = utf8.Length <= 64 ? stackalloc char[utf8.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(utf8, chars);
            return chars[..count].Equals(symbol, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <remarks>Arguments are evaluated in the order they are written, which is the layout's order.</remarks>
    public static MlDecision Unpack(ReadOnlySpan<byte> packed)
    {
        var reader = new Reader(packed);
        return MlDecisionFactory.Create(
            allowTrade: reader.Bool(),
            symbol: reader.String(),
            decisionId: reader.String(),
            timeframe: reader.String(),
            barTime: reader.Date(),
            timestamp: reader.Date(),
            regimeLabel: reader.String(),
            regimeConfidence: reader.Double(),
            efficiencyRatio: reader.Double(),
            regimeProbabilities: reader.Pairs<double>(),
            successProbability: reader.Double(),
            shouldEnter: reader.Bool(),
            shouldExit: reader.Bool(),
            confidenceLevel: reader.String(),
            topFeatures: reader.FeatureContributions(),
            decisionReasons: reader.Strings(),
            qseValid: reader.Bool(),
            processingTimeMs: reader.Double(),
            configHash: reader.String(),
            modelVersions: reader.Pairs<string>());
    }

    /// <summary>Writes the packed bytes, or, made by <see cref="Measuring"/>, only counts them.</summary>
    private ref struct Writer(Span<byte> destination)
    {
        private readonly bool _measureOnly;
        private Span<byte> _rest = destination;

        private Writer(bool measureOnly)
            : this(Span<byte>.Empty) => _measureOnly = measureOnly;

        public int Size { get; private set; }

        public static Writer Measuring() => new(measureOnly: true);

        public void Bool(bool value)
        {
            if (Take(1, out var target))
            {
                target[0] = value ? (byte)1 : (byte)0;
            }
        }

        public void Int(int value)
        {
            if (Take(sizeof(int), out var target))
            {
                BinaryPrimitives.WriteInt32LittleEndian(target, value);
            }
        }

        public void Double(double value)
        {
            if (Take(sizeof(double), out var target))
            {
                BinaryPrimitives.WriteDoubleLittleEndian(target, value);
            }
        }

        public void Date(DateTime value)
        {
            if (Take(sizeof(long), out var target))
            {
                BinaryPrimitives.WriteInt64LittleEndian(target, value.ToBinary());
            }
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            Int(length);
            if (Take(length, out var target))
            {
                Encoding.UTF8.GetBytes(value, target);
            }
        }

        /// <remarks>The engine's probabilities are a <see cref="Dictionary{TKey,TValue}"/>: enumerated without allocating.</remarks>
        public void Pairs(IReadOnlyDictionary<string, double> pairs)
        {
            Int(pairs.Count);
            if (pairs is Dictionary<string, double> dictionary)
            {
                foreach (var (key, value) in dictionary)
                {
                    String(key);
                    Double(value);
                }

                return;
            }

            foreach (var (key, value) in pairs)
            {
                String(key);
                Double(value);
            }
        }

        /// <remarks>The engine's model versions are an <see cref="OrderedDictionary{TKey,TValue}"/>, deserialised ones a <see cref="Dictionary{TKey,TValue}"/>: both enumerated without allocating.</remarks>
        public void Pairs(IReadOnlyDictionary<string, string> pairs)
        {
            Int(pairs.Count);
            if (pairs is OrderedDictionary<string, string> ordered)
            {
                foreach (var (key, value) in ordered)
                {
                    String(key);
                    String(value);
                }

                return;
            }

            if (pairs is Dictionary<string, string> dictionary)
            {
                foreach (var (key, value) in dictionary)
                {
                    String(key);
                    String(value);
                }

                return;
            }

            foreach (var (key, value) in pairs)
            {
                String(key);
                String(value);
            }
        }

        /// <summary>Counts <paramref name="count"/> bytes; unless measuring, hands out where they go.</summary>
        private bool Take(int count, out Span<byte> target)
        {
            Size += count;
            if (_measureOnly)
            {
                target = default;
                return false;
            }

            target = _rest[..count];
            _rest = _rest[count..];
            return true;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> packed)
    {
        private ReadOnlySpan<byte> _rest = packed;

        public bool Bool()
        {
            var value = _rest[0] != 0;
            _rest = _rest[1..];
            return value;
        }

        public int Int()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(_rest);
            _rest = _rest[sizeof(int)..];
            return value;
        }

        public double Double()
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_rest);
            _rest = _rest[sizeof(double)..];
            return value;
        }

        public DateTime Date()
        {
            var value = DateTime.FromBinary(BinaryPrimitives.ReadInt64LittleEndian(_rest));
            _rest = _rest[sizeof(long)..];
            return value;
        }

        public string String()
        {
            var bytes = Int();
            var value = Encoding.UTF8.GetString(_rest[..bytes]);
            _rest = _rest[bytes..];
            return value;
        }

        /// <remarks>Values are doubles or strings, the two kinds of dictionary the decision holds.</remarks>
        public Dictionary<string, TValue> Pairs<TValue>()
        {
            var count = Int();
            var pairs = new Dictionary<string, TValue>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                // The type test is a constant for each instantiation, so the JIT keeps only one branch.
                pairs.Add(String(), typeof(TValue) == typeof(double) ? (TValue)(object)Double() : (TValue)(object)String());
            }

            return pairs;
        }

        public FeatureContribution[] FeatureContributions()
        {
            var contributions = new FeatureContribution[Int()];
            for (var i = 0; i < contributions.Length; i++)
            {
                contributions[i] = new FeatureContribution { Name = String(), Importance = Double() };
            }

            return contributions;
        }

        public string[] Strings()
        {
            var strings = new string[Int()];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = String();
            }

            return strings;
        }
    }
}
