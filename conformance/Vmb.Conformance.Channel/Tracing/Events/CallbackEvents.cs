namespace Vmb.Conformance.Tracing;

/// <summary>A packet callback's invocation: what it was passed besides the packet.</summary>
public interface ICallbackArguments
{
    /// <summary>Position in the trace.</summary>
    int Index { get; }

    /// <summary>The channel passed is the one the packet came in on (R-PP-3).</summary>
    bool SameChannel { get; }

    /// <summary>The registration context passed is the one the client registered (null for the legacy callbacks).</summary>
    bool RegisteredContext { get; }
}

/// <summary>ProcessingComplete was entered.</summary>
public sealed record ProcessingCompleteCalled : TraceEvent, ICallbackArguments
{
    /// <summary>The count of packets it reports.</summary>
    public long Count { get; init; }

    /// <inheritdoc />
    public bool SameChannel { get; init; }

    /// <inheritdoc />
    public bool RegisteredContext { get; init; }

    private protected override string Describe() => $"n {Count}";
}

/// <summary>A state-change callback was entered.</summary>
public sealed record StateCallbackBegun : TraceEvent
{
    /// <summary>Which one.</summary>
    public Subject Callback { get; init; }

    private protected override string Describe() => Callback.ToString();
}

/// <summary>A state-change callback returned.</summary>
public sealed record StateCallbackEnded : TraceEvent
{
    /// <summary>Which one.</summary>
    public Subject Callback { get; init; }

    private protected override string Describe() => Callback.ToString();
}

/// <summary>A callback of a registration that a later one replaced was called.</summary>
public sealed record SupersededCallbackCalled : TraceEvent
{
    /// <summary>Which one.</summary>
    public Subject Callback { get; init; }

    private protected override string Describe() => Callback.ToString();
}
