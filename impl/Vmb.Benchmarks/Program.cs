using BenchmarkDotNet.Running;

// `protocol`: timed measurements of the out-of-process testee protocol (ProtocolMeasurements); `protocol ring` or
// `protocol channel` measures that level's suite only (`protocol ring 20000`: of that many scenarios), `protocol transport`
// whole calls on pipes against the mailbox. `ring-vs-c`: the .NET half of build/ring-vs-c.sh (RingVsC).
// `stages [N [channel|ring]]`: where a deep run's time goes (DeepRunStages). Otherwise every benchmark class in this
// assembly; pick with --filter, e.g. --filter '*Ring*'.
if (args is ["protocol"]) Vmb.Benchmarks.ProtocolMeasurements.Run(null);
else if (args is ["protocol", "ring" or "channel" or "transport"]) Vmb.Benchmarks.ProtocolMeasurements.Run(args[1]);
else if (args is ["protocol", "ring" or "channel", var count] && int.TryParse(count, out var scenarios) && scenarios > 0)
    Vmb.Benchmarks.ProtocolMeasurements.Run(args[1], scenarios);
else if (args is ["ring-vs-c"]) Vmb.Benchmarks.RingVsC.Run();
else if (args is ["stages", ..]) Vmb.Benchmarks.DeepRunStages.Run(args[1..]);
else BenchmarkSwitcher.FromAssembly(typeof(Vmb.Benchmarks.ThroughputColumn).Assembly).Run(args);
