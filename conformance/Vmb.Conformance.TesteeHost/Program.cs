using System.Globalization;
using System.Reflection;
using Microsoft.Win32.SafeHandles;
using Vmb.Conformance.Testee;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Kmcl;
using Vmb.Ring;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

// vmb-testee-host: serves an IRingImplementation (ring level) or, with --channel, the reference channel (channel level)
// behind the testee protocol (spec/testee-protocol.md) on fd 3 (requests) and fd 4 (answers). The misbehaviour switches
// exist so the harness's handling of bad testees can be tested.
const string Usage =
    "usage: vmb-testee-host [--ring <assembly.dll>:<type>] [--strict] [--channel [--profile raw|pipe]] [--max-version 1|2|3|4]\n" +
    "                       [--misbehave hang|abort|segfault|exit|garbage|garbage-pipe|refuse-mailbox|slow|stray-output]\n" +
    "                       [--on <message name, e.g. write, signal, complete>|any] [--delay <ms>] [--lie capabilities|version] [--pid-file <path>]";

IRingImplementation ring = new ReferenceRing();
string? misbehave = null, on = "any", lie = null, pidFile = null;
var delay = TimeSpan.FromMilliseconds(200);
var strict = false;
var channel = false;
var profile = FramingProfile.Raw;
var maxVersion = ProtocolConstants.Version; // an older version: e.g. 3 keeps frames on the pipes, 2 a channel testee page by page and every up-call replied
string? ringSpec = null;
string? echo = null; // binary | json: answer every WRITE-shaped request at once, to measure framing (impl/Vmb.Benchmarks protocol)
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--ring": ringSpec = Value(); break;
            case "--strict": strict = true; break;
            case "--channel": channel = true; break;
            case "--profile": profile = Value() switch { "raw" => FramingProfile.Raw, "pipe" => FramingProfile.Pipe, var p => throw new ArgumentException($"--profile wants raw or pipe, not {p}") }; break;
            case "--misbehave": misbehave = Value(); break;
            case "--on": on = Value(); break;
            case "--delay": delay = TimeSpan.FromMilliseconds(int.Parse(Value(), CultureInfo.InvariantCulture)); break;
            case "--lie": lie = Value(); break;
            case "--pid-file": pidFile = Value(); break;
            case "--echo": echo = Value(); break;
            case "--max-version": maxVersion = Value() switch { "1" => (ushort)1, "2" => (ushort)2, "3" => (ushort)3, "4" => (ushort)4, var v => throw new ArgumentException($"--max-version wants 1 to 4, not {v}") }; break;
            default: throw new ArgumentException($"unknown option {args[i]}");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine($"vmb-testee-host: {e.Message}\n{Usage}");
        return 2;
    }
}
if (misbehave is not (null or "hang" or "abort" or "segfault" or "exit" or "garbage" or "garbage-pipe" or "refuse-mailbox" or "slow" or "stray-output") || lie is not (null or "capabilities" or "version"))
{
    Console.Error.WriteLine($"vmb-testee-host: unknown misbehaviour\n{Usage}");
    return 2;
}
if (ringSpec is not null)
{
    var colon = ringSpec.LastIndexOf(':');
    if (colon <= 0) { Console.Error.WriteLine($"vmb-testee-host: --ring wants <assembly.dll>:<type>, got '{ringSpec}'"); return 2; }
    var type = Assembly.LoadFrom(ringSpec[..colon]).GetType(ringSpec[(colon + 1)..], throwOnError: true)!;
    ring = (IRingImplementation)Activator.CreateInstance(type)!;
}
else if (strict) ring = new ReferenceRing(strictReader: true);
if (lie == "capabilities") ring = new OverclaimingRing(ring);
if (pidFile is not null) File.AppendAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");

Stream requests, answers;
try
{
    requests = new FileStream(new SafeFileHandle(ProtocolConstants.RequestFd, ownsHandle: true), FileAccess.Read, 0);
    answers = new FileStream(new SafeFileHandle(ProtocolConstants.AnswerFd, ownsHandle: true), FileAccess.Write, 0);
}
catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"vmb-testee-host: fd 3 and 4 are not the protocol's pipes ({e.Message}); run me as vmb-conformance run --testee \"...\"");
    return 2;
}

if (echo is not null) return Echo.Serve(echo, requests, answers);
using var link = new TesteeLink(requests, answers) { RefuseMailbox = misbehave == "refuse-mailbox" };

void Misbehave(MessageKind kind)
{
    if (misbehave is null || !(on == "any" ? kind is not (MessageKind.Hello or MessageKind.Map or MessageKind.Detach or MessageKind.Shutdown
                                                               or MessageKind.MapChannel or MessageKind.Allocate or MessageKind.Release)
                                        : string.Equals(on.Replace("_", ""), kind.ToString(), StringComparison.OrdinalIgnoreCase)
                                          || string.Equals(on, ProtocolConstants.Name((ushort)kind), StringComparison.OrdinalIgnoreCase))) return;
    switch (misbehave)
    {
        case "hang":
            Console.Error.WriteLine($"testee host: hanging on {kind}");
            Thread.Sleep(Timeout.Infinite);
            break;
        case "abort":
            Environment.FailFast($"testee host: aborting on {kind}");
            break;
        case "segfault":
            Console.Error.WriteLine($"testee host: segmentation fault on {kind}");
            Console.Error.Flush();
            Signals.Raise(Signals.SegmentationFault);
            break;
        case "exit":
            Console.Error.WriteLine($"testee host: exiting early on {kind}");
            Environment.Exit(3);
            break;
        case "garbage":
            link.Answers.Write("hello from a stray printf\n"u8);
            link.Answers.Flush();
            break;
        case "garbage-pipe":
            // Bytes on the answer pipe while the mailbox carries the frames; the pause lets the harness fall asleep on
            // that pipe, where it finds them.
            answers.Write("hello from a stray printf\n"u8);
            answers.Flush();
            Thread.Sleep(delay);
            break;
        case "slow":
            Thread.Sleep(delay);
            break;
        case "stray-output":
            // Stray prints go to stdout and stderr, never to the protocol's descriptors.
            Console.Out.WriteLine($"stray stdout line before {kind}");
            Console.Error.WriteLine($"stray stderr line before {kind}");
            break;
    }
}

if (channel)
    return new ChannelTesteeServer(new ReferenceChannelImplementation(new KmclOptions { Profile = profile }), link) { BeforePerforming = Misbehave, MaxVersion = maxVersion }.Serve();
var server = new RingTesteeServer(ring, link)
{
    MaxVersion = maxVersion,
    LieVersion = lie == "version" ? (ushort)(ProtocolConstants.Version + 1) : null,
    BeforePerforming = Misbehave,
};
return server.Serve();

/// <summary>
/// Declares staged publication (as the reference does) but publishes every write at once: a lie about its shape the
/// suite must catch as failures of the rules the declaration brings in, not as a harness error.
/// </summary>
internal sealed class OverclaimingRing(IRingImplementation inner) : IRingImplementation
{
    public string Name => inner.Name;
    public string Version => inner.Version;
    public RingCapabilities WriterCapabilities => inner.WriterCapabilities | RingCapabilities.StagedPublication | RingCapabilities.Revert;
    public RingCapabilities ReaderCapabilities => inner.ReaderCapabilities;
    public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader) => new Eager(inner.CreateWriter(ring, initialize, signalReader));
    public IRingReader CreateReader(MemoryRegion ring, Action signalWriter) => inner.CreateReader(ring, signalWriter);

    private sealed class Eager(IRingWriter writer) : IRingWriter
    {
        public int FreeBytes => writer.FreeBytes;
        public void Commit() => writer.Commit();
        public void Revert() => writer.Revert();

        public RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload)
        {
            var status = writer.TryWrite(type, flags, transactionId, typeHeader, payload);
            writer.Commit();
            return status;
        }
    }
}

/// <summary>Measurement only: answers WRITE-shaped requests without a ring, as binary frames or as JSON lines.</summary>
internal static class Echo
{
    public static int Serve(string framing, Stream requests, Stream answers)
    {
        if (framing == "binary")
        {
            var reader = new FrameReader(requests);
            while (reader.Next() is { } frame)
            {
                var body = new BodyReader(frame);
                body.U16("type"); body.U16("flags"); var header = body.U32("header_length"); body.U64("tid"); var payload = body.U32("payload_length");
                body.Skip(4, "reserved"); body.Bytes((int)(header + payload), "bytes"); body.End();
                answers.Write(new FrameBuilder((MessageKind)(frame.Kind | 0x8000), frame.Id).Result(ResultCode.Ok).U8(0).Zero(3).ToArray());
            }
            return 0;
        }
        using var lines = new StreamReader(requests);
        using var writer = new StreamWriter(answers) { AutoFlush = true, NewLine = "\n" };
        while (lines.ReadLine() is { } line)
        {
            using var request = System.Text.Json.JsonDocument.Parse(line);
            var root = request.RootElement;
            _ = Convert.FromBase64String(root.GetProperty("payload").GetString()!);
            writer.WriteLine($"{{\"id\":{root.GetProperty("id").GetUInt32()},\"kind\":\"write_reply\",\"result\":\"ok\",\"status\":\"written\"}}");
        }
        return 0;
    }
}
