using System.Buffers;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using BenchmarkDotNet.Attributes;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// The CPU an audit record costs before any I/O: its body (on the appender's thread) and its chained line with
/// the SHA-256 (on the writer's thread, one record after another).
/// </summary>
[MemoryDiagnoser]
public class AuditLineFormatBenchmarks
{
    private readonly ByteBuffer lines = new(64 * 1024);
    private readonly byte[] headHash = new byte[AuditLineFormat.HashHexLength];
    private MlDecision decision = null!;
    private Dictionary<string, double> features = [];
    private QseOutput qse = null!;
    private byte[] body = [];
    private int bodyLength;
    private long sequence;

    [GlobalSetup]
    public void Setup()
    {
        features = AuditSamples.Features();
        qse = AuditSamples.Qse();
        decision = AuditSamples.Decisions(1, features)[0];
        body = AuditLineFormat.RentBody(AuditRecord.FromDecision(decision, features, qse), out bodyLength);
        System.Text.Encoding.ASCII.GetBytes(AuditLineFormat.GenesisHash, headHash);
    }

    /// <summary>The record's members between <c>sequence</c> and <c>prev_hash</c>, as the appender renders them.</summary>
    [Benchmark]
    public int Body()
    {
        var rented = AuditLineFormat.RentBody(AuditRecord.FromDecision(decision, features, qse), out var length);
        ArrayPool<byte>.Shared.Return(rented);
        return length;
    }

    /// <summary>The whole line from a rendered body: sequence, previous hash, SHA-256 and its hex.</summary>
    [Benchmark]
    public int ChainedLine()
    {
        lines.Clear();
        AuditLineFormat.AppendLine(lines, ++sequence, body.AsSpan(0, bodyLength), headHash, headHash);
        return lines.Count;
    }
}
