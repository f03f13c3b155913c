using Vmb.Conformance.Testee.Protocol;

namespace Vmb.Conformance.Testee;

/// <summary>The testee side's outer loop, for either level: serve calls until SHUTDOWN or the end of the request stream.</summary>
internal static class ServeLoop
{
    /// <summary>
    /// Serves frames with <paramref name="serve"/> (false once the testee should exit) and returns the process exit code:
    /// 0, or 2 when the harness broke the protocol; <paramref name="release"/> always runs. MAILBOX, the same at both
    /// levels, is the link's to perform.
    /// </summary>
    public static int Run(TesteeLink link, Func<Frame, bool> serve, Action release)
    {
        try
        {
            while (link.Reader.Next() is { } frame)
                if (!link.TryOpenMailbox(frame) && !serve(frame)) return 0;
            return 0;
        }
        catch (Exception e) when (e is MalformedFrameException or EndOfStreamException or ProtocolBrokenException)
        {
            Console.Error.WriteLine($"testee: protocol violation by the harness: {e.Message}");
            return 2;
        }
        finally
        {
            release();
        }
    }
}

/// <summary>The harness sent something the testee side cannot take as the next call.</summary>
internal sealed class ProtocolBrokenException(string message) : Exception(message);
