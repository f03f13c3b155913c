using BenchmarkDotNet.Running;

// `protocol`: timed measurements of the out-of-process testee protocol (ProtocolMeasurements); `protocol ring` or
// `protocol channel` measures that level's suite only. Otherwise every benchmark class in this assembly; pick with
// --filter, e.g. --filter '*Ring*'.
if (args is ["protocol"]) Vmb.Benchmarks.ProtocolMeasurements.Run(null);
else if (args is ["protocol", "ring" or "channel"]) Vmb.Benchmarks.ProtocolMeasurements.Run(args[1]);
else BenchmarkSwitcher.FromAssembly(typeof(Vmb.Benchmarks.ThroughputColumn).Assembly).Run(args);
