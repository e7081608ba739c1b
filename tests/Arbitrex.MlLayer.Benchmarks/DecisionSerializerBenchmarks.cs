using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Benchmarks.Reference;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// The hand-written decision writers against the generated contract metadata (<see cref="ContractJsonContext"/>),
/// each category against its own baseline: the decision as the bus and <c>/predict</c> serialise it, the audit
/// record body, and the decision history's packed copy against the decision's JSON. The decision and the body are
/// also written through the generator's serialisation fast path (<see cref="WriteFastPathProbeContext"/>), which the
/// shipped options do not run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DecisionSerializerBenchmarks : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly byte[] packed = new byte[4096];
    private JsonSerializerOptions handWrittenOptions = null!;
    private Utf8JsonWriter writer = null!;
    private MlDecision decision = null!;
    private AuditRecord record = null!;
    private byte[] decisionJson = [];
    private int packedLength;

    [GlobalSetup]
    public void Setup()
    {
        var features = AuditSamples.Features();
        decision = AuditSamples.Decisions(1, features)[0];
        record = AuditRecord.FromDecision(decision, features, AuditSamples.Qse());
        var options = new JsonSerializerOptions(ContractJson.Options);
        options.Converters.Add(new HandWrittenDecisionConverter());
        options.MakeReadOnly();
        handWrittenOptions = options;
        writer = new Utf8JsonWriter(buffer, AuditJson.WriterOptions);

        decisionJson = JsonSerializer.SerializeToUtf8Bytes(decision, ContractJson.Options);
        packedLength = PackedDecision.SizeOf(decision);
        PackedDecision.Pack(decision, packed);

        // The comparison is only fair if both sides write the same bytes.
        if (!decisionJson.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(decision, handWrittenOptions)))
        {
            throw new InvalidOperationException("The generated and the hand-written decision differ.");
        }

        if (!AuditBody(generated: true).SequenceEqual(AuditBody(generated: false)))
        {
            throw new InvalidOperationException("The generated and the hand-written audit body differ.");
        }

        if (!decisionJson.AsSpan().SequenceEqual(DecisionFastPath()))
        {
            throw new InvalidOperationException("The generated and the fast-path decision differ.");
        }

        // The fast path cannot leave members out, so its record carries the chain members the body omits.
        byte[] whole = [.. "{\"sequence\":0,"u8, .. AuditBody(generated: true)[1..^1], .. ",\"prev_hash\":\"\",\"hash\":\"\"}"u8];
        AuditBodyFastPath();
        if (!buffer.WrittenSpan.SequenceEqual(whole))
        {
            throw new InvalidOperationException("The generated and the fast-path audit record differ.");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Decision")]
    public byte[] DecisionHandWritten() => JsonSerializer.SerializeToUtf8Bytes(decision, handWrittenOptions);

    [Benchmark]
    [BenchmarkCategory("Decision")]
    public byte[] DecisionGenerated() => JsonSerializer.SerializeToUtf8Bytes(decision, ContractJson.Options);

    /// <summary>Without named literals (it throws on a non-finite double) and the default encoder (the sample needs no escaping).</summary>
    [Benchmark]
    [BenchmarkCategory("Decision")]
    public byte[] DecisionFastPath() => JsonSerializer.SerializeToUtf8Bytes(decision, WriteFastPathProbeContext.Default.MlDecision);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("AuditBody")]
    public int AuditBodyHandWritten() => AuditBody(generated: false).Length;

    [Benchmark]
    [BenchmarkCategory("AuditBody")]
    public int AuditBodyGenerated() => AuditBody(generated: true).Length;

    /// <summary>The whole record, chain members included, into the same writer.</summary>
    [Benchmark]
    [BenchmarkCategory("AuditBody")]
    public int AuditBodyFastPath() => WriteToBuffer(record, WriteFastPathProbeContext.Default.AuditRecord);

    /// <summary>What the decision history does per decision: pack it into the slot's reused array.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("HistoryWrite")]
    public int HistoryPacked()
    {
        var size = PackedDecision.SizeOf(decision);
        PackedDecision.Pack(decision, packed);
        return size;
    }

    /// <summary>The alternative: the decision's contract JSON into a reused buffer.</summary>
    [Benchmark]
    [BenchmarkCategory("HistoryWrite")]
    public int HistoryJson() => WriteToBuffer(decision, ContractJsonContext.Default.MlDecision);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("HistoryRead")]
    public MlDecision HistoryUnpacked() => PackedDecision.Unpack(packed.AsSpan(0, packedLength));

    [Benchmark]
    [BenchmarkCategory("HistoryRead")]
    public MlDecision HistoryDeserialized() => JsonSerializer.Deserialize(decisionJson, ContractJsonContext.Default.MlDecision)!;

    public void Dispose()
    {
        writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Serialises <paramref name="value"/> into the reused buffer; the count of bytes written.</summary>
    private int WriteToBuffer<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, typeInfo);
        writer.Flush();
        return buffer.WrittenCount;
    }

    private ReadOnlySpan<byte> AuditBody(bool generated)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        if (generated)
        {
            JsonSerializer.Serialize(writer, record, AuditJson.RecordBody);
        }
        else
        {
            HandWrittenAuditBody.Write(writer, record);
        }

        writer.Flush();
        return buffer.WrittenSpan;
    }
}
