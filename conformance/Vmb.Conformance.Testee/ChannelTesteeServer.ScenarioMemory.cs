using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Testee;

internal sealed partial class ChannelTesteeServer
{
    /// <summary>
    /// Guest memory as the implementation sees it: every question goes to the harness (§14.7), which owns the pages and
    /// their residency. With a version-3 harness the batched questions are one up-call each; with version 2, page by page.
    /// </summary>
    private sealed partial class Scenario
    {
        // How much one batched guest-memory up-call asks for: far inside the harness's frame limit.
        private const int PagesPerAsk = 65536, SegmentsPerAsk = 65536, BytesPerAsk = 1 << 20;

        public bool Exists(ulong pageNumber) => GuestPage(pageNumber).Exists;

        public bool IsResident(ulong pageNumber) => GuestPage(pageNumber).Resident;

        private (bool Exists, bool Resident) GuestPage(ulong page)
        {
            var read = _server.UpCall(new FrameBuilder(MessageKind.GuestPage, 0).U64(page));
            var exists = read.U8("exists") == 1;
            var resident = read.U8("resident") == 1;
            read.Skip(2, "reserved");
            read.End();
            return (exists, resident);
        }

        public void WhenResident(ulong pageNumber, Action callback)
        {
            var cookie = ++_nextCookie;
            _waiting[cookie] = callback;
            _server.UpCall(new FrameBuilder(MessageKind.WhenResident, 0).U64(pageNumber).U32(cookie)).End();
        }

        public void Read(ulong pageNumber, int offset, Span<byte> destination)
        {
            var read = _server.UpCall(new FrameBuilder(MessageKind.GuestRead, 0).U64(pageNumber).U32((uint)offset).U32((uint)destination.Length));
            read.Bytes(destination.Length, "bytes").CopyTo(destination);
            read.End();
        }

        public void QueryPages(ReadOnlySpan<ulong> pages, Span<GuestPageState> states)
        {
            if (states.Length < pages.Length) throw new ArgumentException("fewer states than pages", nameof(states));
            if (_server._version < ProtocolConstants.BatchedGuestMemory)
            {
                for (var i = 0; i < pages.Length; i++)
                {
                    var (exists, resident) = GuestPage(pages[i]);
                    states[i] = !exists ? GuestPageState.Missing : resident ? GuestPageState.Resident : GuestPageState.NotResident;
                }
                return;
            }
            for (var from = 0; from < pages.Length; from += PagesPerAsk)
            {
                var batch = pages.Slice(from, Math.Min(PagesPerAsk, pages.Length - from));
                var call = new FrameBuilder(MessageKind.GuestPages, 0).U32((uint)batch.Length).Zero(4);
                foreach (var page in batch) call.U64(page);
                var read = _server.UpCall(call);
                for (var i = 0; i < batch.Length; i++)
                {
                    var state = read.U8("state");
                    states[from + i] = state switch
                    {
                        0 => GuestPageState.Missing,
                        1 => GuestPageState.NotResident,
                        3 => GuestPageState.Resident,
                        _ => throw new ProtocolBrokenException($"GUEST_PAGES state {state} is not 0, 1 or 3"),
                    };
                }
                read.End();
            }
        }

        public void ReadSegments(ReadOnlySpan<GuestSegment> segments, Span<byte> destination)
        {
            if (_server._version < ProtocolConstants.BatchedGuestMemory)
            {
                var at = 0;
                foreach (var segment in segments)
                {
                    Read(segment.Page, segment.Offset, destination.Slice(at, segment.Count));
                    at += segment.Count;
                }
                return;
            }
            // Batches small enough for any reply frame; a failed batch stops the read where the memory refused, as page by page.
            var done = 0;
            for (var from = 0; from < segments.Length;)
            {
                var call = new FrameBuilder(MessageKind.GuestReadSegments, 0);
                var (count, bytes) = (0, 0);
                do bytes += segments[from + count++].Count;
                while (from + count < segments.Length && count < SegmentsPerAsk && bytes + segments[from + count].Count <= BytesPerAsk);
                call.U32((uint)count).Zero(4);
                foreach (var segment in segments.Slice(from, count)) call.U64(segment.Page).U32((uint)segment.Offset).U32((uint)segment.Count);
                var read = _server.UpCall(call);
                read.Bytes(bytes, "bytes").CopyTo(destination.Slice(done, bytes));
                read.End();
                (from, done) = (from + count, done + bytes);
            }
        }

        public void Write(ulong pageNumber, int offset, ReadOnlySpan<byte> source) =>
            _server.UpCall(new FrameBuilder(MessageKind.GuestWrite, 0).U64(pageNumber).U32((uint)offset).U32((uint)source.Length).Bytes(source)).End();
    }
}
