using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Running;
using Vmb.Conformance.Testee;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Catalog;

namespace Vmb.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project impl/Vmb.Benchmarks -- protocol`: timed measurements of the out-of-process testee
/// protocol, printed for the README (round trips are process-to-process and dominated by wake-ups, which
/// BenchmarkDotNet's in-process iterations would not show better). Nothing here is asserted.
/// </summary>
internal static class ProtocolMeasurements
{
    private const int RoundTrips = 20_000;

    /// <summary>
    /// The framing and both levels' suites, or only the suite of <paramref name="level"/> (ring or channel), of
    /// <paramref name="scenarios"/> scenarios (the default suite's count when null).
    /// </summary>
    public static void Run(string? level, int? scenarios = null)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "vmb-testee-host.dll");
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var payload = new byte[64];
        Random.Shared.NextBytes(payload);
        foreach (var framing in level is null ? ["binary", "json"] : Array.Empty<string>())
        {
            var rates = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                using var child = TesteeProcess.Start([CommandLineResolve(dotnet), host, "--echo", framing], lines: framing == "json");
                rates.Add(framing == "binary" ? Binary(child, payload) : Json(child, payload));
            }
            Console.WriteLine($"framing {framing}: {rates.Max():N0} round trips/s (best of 3; runs {string.Join(", ", rates.Select(r => r.ToString("N0")))}), {RoundTrips} WRITE requests of a 64-byte payload each");
        }
        // Whole ring calls through the harness's proxy, version 3 (frames on the pipes) against version 4 (the mailbox).
        foreach (var version in level is null or "transport" ? [3, 4] : Array.Empty<int>())
        {
            var rates = Enumerable.Range(0, 3).Select(_ => RingCalls($"\"{dotnet}\" \"{host}\" --max-version {version}")).ToList();
            Console.WriteLine($"ring calls, protocol version {version} ({(version >= ProtocolConstants.MailboxTransport ? "mailbox" : "pipes")}): {rates.Max():N0} round trips/s " +
                              $"(best of 3; runs {string.Join(", ", rates.Select(r => r.ToString("N0")))}), {RoundTrips} MASK calls on an attached reader");
        }
        if (level is "transport") return;
        var catalog = RequirementCatalog.Load();
        var options = scenarios is { } count ? new SuiteOptions { Scenarios = count } : new SuiteOptions();
        if (level is null or "ring") Compare("ring", options, () => RingConformanceRunner.Run(new ReferenceRing(), options, catalog), () =>
        {
            using var testee = TesteeRing.Start($"\"{dotnet}\" \"{host}\"");
            RingConformanceRunner.Run(testee, options, catalog);
        });
        if (level is null or "channel") Compare("channel", options, () => ConformanceRunner.Run(new ReferenceChannelImplementation(), options, catalog), () =>
        {
            using var testee = TesteeChannel.Start($"\"{dotnet}\" \"{host}\" --channel");
            ConformanceRunner.Run(testee, options, catalog);
        });
    }

    // The default suite of one level against the reference, in-process and through the protocol, alternating, three times each.
    private static void Compare(string level, SuiteOptions options, Action inProcessRun, Action outOfProcessRun)
    {
        var inProcess = new List<double>();
        var outOfProcess = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            inProcessRun();
            inProcess.Add(clock.Elapsed.TotalSeconds);
            ProtocolTally.Reset();
            clock.Restart();
            outOfProcessRun();
            outOfProcess.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{level} suite, {options.Scenarios} scenarios: in-process {Median(inProcess):0.00} s, through the protocol {Median(outOfProcess):0.00} s " +
                          $"(median of 3, child start included): {Median(outOfProcess) / Median(inProcess):0.0}x");
        // Where the round trips of one run through the protocol went: frames per kind, both directions.
        var tally = ProtocolTally.Snapshot();
        Console.WriteLine($"{level} frames of one run through the protocol: {tally.Sum(t => t.Sent)} sent, {tally.Sum(t => t.Received)} received");
        foreach (var (kind, sent, received, waited) in tally)
            Console.WriteLine($"  {kind,-26} sent {sent,9:N0}  received {received,9:N0}{(received > 0 ? $"  waited {waited.TotalSeconds,6:0.000} s" : "")}");
    }

    // Calls the way the ring level makes them (frame, send, wait, parse), on a reader attached once.
    private static double RingCalls(string command)
    {
        using var testee = TesteeRing.Start(command);
        using var session = testee.Open(2 * Vmb.Spec.Wire.WireConstants.PageSize);
        var reader = testee.CreateReader(session.Region, () => { });
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < RoundTrips; i++) reader.MaskInterrupts();
        return RoundTrips / clock.Elapsed.TotalSeconds;
    }

    private static string CommandLineResolve(string program) => Vmb.Conformance.Testee.CommandLine.Resolve(program) ?? program;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double Binary(TesteeProcess child, byte[] payload)
    {
        var clock = Stopwatch.StartNew();
        for (uint id = 1; id <= RoundTrips; id++)
        {
            var request = new FrameBuilder(MessageKind.Write, id).U16(6).U16(0).U32(0).U64(id).U32((uint)payload.Length).Zero(4).Bytes(payload).ToArray();
            child.TrySend(request);
            if (child.Next(TimeSpan.FromSeconds(5)) is not Incoming.Message { Frame: var reply } || reply.Id != id) throw new InvalidOperationException("echo lost");
            var body = new BodyReader(reply);
            body.Result();
            body.U8("status");
        }
        return RoundTrips / clock.Elapsed.TotalSeconds;
    }

    // JSON lines over the same pipes: the reply is read here line by line from the answer stream.
    private static double Json(TesteeProcess child, byte[] payload)
    {
        var clock = Stopwatch.StartNew();
        for (uint id = 1; id <= RoundTrips; id++)
        {
            var line = JsonSerializer.Serialize(new { id, kind = "write", type = 6, flags = 0, tid = (ulong)id, header = "", payload = Convert.ToBase64String(payload) }) + "\n";
            child.TrySend(Encoding.UTF8.GetBytes(line));
            var reply = child.NextLine() ?? throw new InvalidOperationException("echo lost");
            using var document = JsonDocument.Parse(reply);
            if (document.RootElement.GetProperty("id").GetUInt32() != id || document.RootElement.GetProperty("status").GetString() != "written")
                throw new InvalidOperationException("echo lost");
        }
        return RoundTrips / clock.Elapsed.TotalSeconds;
    }
}
