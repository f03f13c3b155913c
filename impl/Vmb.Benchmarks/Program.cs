using BenchmarkDotNet.Running;

// Entry point for every benchmark class in this assembly; pick with --filter, e.g. --filter '*Ring*'.
BenchmarkSwitcher.FromAssembly(typeof(Vmb.Benchmarks.ThroughputColumn).Assembly).Run(args);
