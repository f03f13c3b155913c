using BenchmarkDotNet.Running;

// `protocol`: timed measurements of the out-of-process testee protocol (ProtocolMeasurements). Otherwise every
// benchmark class in this assembly; pick with --filter, e.g. --filter '*Ring*'.
if (args is ["protocol"]) Vmb.Benchmarks.ProtocolMeasurements.Run();
else BenchmarkSwitcher.FromAssembly(typeof(Vmb.Benchmarks.ThroughputColumn).Assembly).Run(args);
