namespace Arbitrex.MlLayer.Worker.Tests.Monitoring;

/// <summary>One series of a PromQL instant-query result.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value);
