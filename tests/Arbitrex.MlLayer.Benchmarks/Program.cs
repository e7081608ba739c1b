using Arbitrex.MlLayer.Benchmarks;
using BenchmarkDotNet.Running;

// Named by a benchmark class: the worker's own Program is referenced too.
BenchmarkSwitcher.FromAssembly(typeof(FeatureSnapshotParseBenchmarks).Assembly).Run(args);
