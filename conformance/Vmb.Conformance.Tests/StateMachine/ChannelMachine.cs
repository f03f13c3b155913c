using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using Vmb.Kmcl;

namespace Vmb.Conformance.Tests.StateMachine;

/// <summary>What the contract says the channel's observable state is after each operation.</summary>
public sealed record ChannelModel(
    ulong NextId, IReadOnlyList<ulong> Waiting, IReadOnlyList<ulong> Held, IReadOnlyList<ulong> Completed, bool Paused, bool Failed)
{
    public static readonly ChannelModel Initial = new(1, [], [], [], false, false);

    /// <summary>A running, healthy channel presents everything waiting in the ring (R-PP-1, R-PAUSE-8), in ring order (R-PP-15).</summary>
    public ChannelModel Deliver() => Paused || Failed ? this : this with { Held = [.. Held, .. Waiting], Waiting = [] };
}

/// <summary>
/// Model-based test over channel operations — write (optionally deferred once), signal, complete, fail, pause,
/// start — against <see cref="ChannelModel"/> (R-CMPL-1, R-CMPL-4, R-DEF-1, R-PAUSE-3, R-PAUSE-8, R-FAIL-2).
/// </summary>
public sealed class ChannelMachine(Func<Spec.Spi.IChannelImplementation> implementation) : Machine<ChannelHarness, ChannelModel>
{
    public ChannelMachine() : this(() => new ReferenceChannelImplementation()) { }

    public override Arbitrary<Setup<ChannelHarness, ChannelModel>> Setup =>
        Gen.Choose(0, 1000).Select(seed => (Setup<ChannelHarness, ChannelModel>)new NewChannel(implementation, seed)).ToArbitrary();

    public override Gen<Operation<ChannelHarness, ChannelModel>> Next(ChannelModel m) =>
        Gen.Frequency(
            (5, Gen.Elements(false, false, true).Select(defer => (Operation<ChannelHarness, ChannelModel>)new Write(defer))),
            (1, Gen.Constant<Operation<ChannelHarness, ChannelModel>>(new Signal())),
            (4, Gen.Constant<Operation<ChannelHarness, ChannelModel>>(new Complete())),
            (1, Gen.Constant<Operation<ChannelHarness, ChannelModel>>(new Fail())),
            (2, Gen.Constant<Operation<ChannelHarness, ChannelModel>>(new Pause())),
            (2, Gen.Constant<Operation<ChannelHarness, ChannelModel>>(new Start())));

    private sealed class NewChannel(Func<Spec.Spi.IChannelImplementation> implementation, int seed) : Setup<ChannelHarness, ChannelModel>
    {
        public override ChannelHarness Actual() => new(implementation(), seed);
        public override ChannelModel Model() => ChannelModel.Initial;
        public override string ToString() => $"NewChannel(seed {seed})";
    }

    private abstract class Step : Operation<ChannelHarness, ChannelModel>
    {
        protected abstract void Act(ChannelHarness actual, ChannelModel model);

        public sealed override Property Check(ChannelHarness actual, ChannelModel model)
        {
            Act(actual, model);
            var held = actual.Held.Select(h => h.Id).ToList();
            return (held.SequenceEqual(model.Held)).Label($"R-PP-1/R-PP-15/R-FAIL-2: held {string.Join(",", held)}, model {string.Join(",", model.Held)}")
                .And(actual.Completions.Order().SequenceEqual(model.Completed.Order()).Label($"R-CMPL-4: completions {string.Join(",", actual.Completions)}, model {string.Join(",", model.Completed)}"))
                .And((actual.LatePresentations == 0).Label("R-CMPL-1: a packet was presented after its answer"))
                .And((!model.Paused || model.Held.Count > 0 || actual.PauseReturned).Label("R-PAUSE-3: Pause did not return with nothing outstanding"))
                .And((!actual.PauseReturned || !model.Paused || model.Held.Count == 0).Label("R-PAUSE-3: Pause returned while packets were outstanding"));
        }
    }

    private sealed class Write(bool deferFirst) : Step
    {
        public override bool Pre(ChannelModel m) => m.Waiting.Count + m.Held.Count < 40;
        public override ChannelModel Run(ChannelModel m) => (m with { NextId = m.NextId + 1, Waiting = [.. m.Waiting, m.NextId] }).Deliver();
        protected override void Act(ChannelHarness actual, ChannelModel model) => actual.Write(model.NextId - 1, deferFirst);
        public override string ToString() => deferFirst ? "Write(defer once)" : "Write";
    }

    private sealed class Signal : Step
    {
        public override ChannelModel Run(ChannelModel m) => m.Deliver();
        protected override void Act(ChannelHarness actual, ChannelModel model) => actual.Signal();
        public override string ToString() => "Signal";
    }

    private sealed class Complete : Step
    {
        public override bool Pre(ChannelModel m) => m.Held.Count > 0;
        public override ChannelModel Run(ChannelModel m) => (m with { Held = m.Held.Skip(1).ToList(), Completed = [.. m.Completed, m.Held[0]] }).Deliver();
        protected override void Act(ChannelHarness actual, ChannelModel model) => actual.CompleteOldest();
        public override string ToString() => "CompleteOldest";
    }

    private sealed class Fail : Step
    {
        public override bool Pre(ChannelModel m) => m.Held.Count > 0;
        public override ChannelModel Run(ChannelModel m) => m with { Held = m.Held.Skip(1).ToList(), Failed = true };
        protected override void Act(ChannelHarness actual, ChannelModel model) => actual.FailOldest();
        public override string ToString() => "FailOldest";
    }

    private sealed class Pause : Step
    {
        public override bool Pre(ChannelModel m) => !m.Paused && !m.Failed;
        public override ChannelModel Run(ChannelModel m) => m with { Paused = true };
        protected override void Act(ChannelHarness actual, ChannelModel model) => actual.Pause();
        public override string ToString() => "Pause";
    }

    private sealed class Start : Step
    {
        public override bool Pre(ChannelModel m) => m.Paused && m.Held.Count == 0;
        public override ChannelModel Run(ChannelModel m) => (m with { Paused = false }).Deliver();
        protected override void Act(ChannelHarness actual, ChannelModel model) => actual.Start();
        public override string ToString() => "Start";
    }
}
