using System.Buffers.Binary;
using System.Text;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee.Protocol;

/// <summary>One decoded frame: kind, id, body, and the raw bytes for quoting.</summary>
internal sealed record Frame(ushort Kind, uint Id, byte[] Body)
{
    /// <summary>The frame's bytes as sent, header included.</summary>
    public byte[] Raw()
    {
        var raw = new byte[ProtocolConstants.HeaderSize + Body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(raw, (uint)(ProtocolConstants.MinLength + Body.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(4), Kind);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(8), Id);
        Body.CopyTo(raw, ProtocolConstants.HeaderSize);
        return raw;
    }

    /// <summary>Up to 64 bytes in hex with a printable rendering, for a message that quotes offending bytes.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, 64)];
        var hex = Convert.ToHexString(shown).ToLowerInvariant();
        var spaced = string.Join(' ', Enumerable.Range(0, shown.Length).Select(i => hex.Substring(2 * i, 2)));
        var text = new string(shown.ToArray().Select(b => b is >= 0x20 and < 0x7F ? (char)b : '.').ToArray());
        return $"[{spaced}{(bytes.Length > shown.Length ? $" … ({bytes.Length} bytes)" : "")}] \"{text}\"";
    }

    public override string ToString() => $"{ProtocolConstants.Name(Kind)} id {Id}: {Quote(Raw())}";
}

/// <summary>Builds one frame: little-endian fields appended in order, the length filled in by <see cref="ToArray"/>.</summary>
internal sealed class FrameBuilder
{
    private byte[] _buffer = new byte[256];
    private int _at;

    public FrameBuilder(MessageKind kind, uint id)
    {
        Kind = (ushort)kind;
        _at = ProtocolConstants.HeaderSize;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(4), (ushort)kind);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(8), id);
    }

    /// <summary>The frame's kind.</summary>
    public ushort Kind { get; }

    private Span<byte> Take(int n)
    {
        if (_at + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _at + n));
        var span = _buffer.AsSpan(_at, n);
        _at += n;
        return span;
    }

    public FrameBuilder U8(byte v) { Take(1)[0] = v; return this; }
    public FrameBuilder U16(ushort v) { BinaryPrimitives.WriteUInt16LittleEndian(Take(2), v); return this; }
    public FrameBuilder U32(uint v) { BinaryPrimitives.WriteUInt32LittleEndian(Take(4), v); return this; }
    public FrameBuilder U64(ulong v) { BinaryPrimitives.WriteUInt64LittleEndian(Take(8), v); return this; }
    public FrameBuilder I64(long v) { BinaryPrimitives.WriteInt64LittleEndian(Take(8), v); return this; }
    public FrameBuilder Zero(int n) { Take(n).Clear(); return this; }
    public FrameBuilder Bytes(ReadOnlySpan<byte> v) { v.CopyTo(Take(v.Length)); return this; }

    /// <summary>A string: u16 byte count, then UTF-8 without a terminator; null is written as the empty string.</summary>
    public FrameBuilder Str(string? v)
    {
        var bytes = Encoding.UTF8.GetBytes(v ?? "");
        if (bytes.Length > ushort.MaxValue) bytes = bytes[..ushort.MaxValue];
        return U16((ushort)bytes.Length).Bytes(bytes);
    }

    /// <summary>The result header of a reply (§4.1).</summary>
    public FrameBuilder Result(ResultCode code) => U8((byte)code).Zero(3);

    /// <summary>An error block (§4.2).</summary>
    public FrameBuilder Error(RingError error) =>
        U8((byte)((error.RingOffset is null ? 0 : 1) | (error.Value is null ? 0 : 2))).Zero(7)
            .I64(error.RingOffset ?? 0).I64(error.Value ?? 0)
            .Str(error.Message).Str(error.RuleId).Str(error.Field);

    public byte[] ToArray()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)(_at - 4));
        return _buffer.AsSpan(0, _at).ToArray();
    }
}

/// <summary>The body of a frame was shorter than its layout or held a value it must not; says where.</summary>
internal sealed class MalformedFrameException(string message) : Exception(message);

/// <summary>Reads a frame body field by field; running past the end or a bad value throws <see cref="MalformedFrameException"/>.</summary>
internal sealed class BodyReader(Frame frame)
{
    private readonly byte[] _body = frame.Body;
    private int _at;

    private ReadOnlySpan<byte> Take(int n, string field)
    {
        if (n < 0 || _at + n > _body.Length)
            throw new MalformedFrameException($"{ProtocolConstants.Name(frame.Kind)} body of {_body.Length} bytes ends before {field} (offset {_at}, {n} bytes)");
        var span = _body.AsSpan(_at, n);
        _at += n;
        return span;
    }

    public byte U8(string field) => Take(1, field)[0];
    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));
    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));
    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));
    public long I64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));
    public ReadOnlySpan<byte> Bytes(int n, string field) => Take(n, field);
    public void Skip(int n, string field) => Take(n, field);

    /// <summary>Body bytes not read yet: a count read from the body is checked against it before anything is allocated.</summary>
    public int Remaining => _body.Length - _at;

    public string Str(string field)
    {
        var n = U16(field + " length");
        var bytes = Take(n, field);
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { throw new MalformedFrameException($"{ProtocolConstants.Name(frame.Kind)} {field} is not UTF-8"); }
    }

    public ResultCode Result()
    {
        var code = U8("result");
        Skip(3, "result reserved");
        return code <= (byte)ResultCode.Violation ? (ResultCode)code
            : throw new MalformedFrameException($"{ProtocolConstants.Name(frame.Kind)} result {code} is not 0–4");
    }

    public RingError Error()
    {
        var present = U8("error present bits");
        Skip(7, "error reserved");
        var offset = I64("ring_offset");
        var value = I64("value");
        var message = Str("message");
        var rule = Str("rule_id");
        var field = Str("field");
        if (message.Length == 0) throw new MalformedFrameException($"{ProtocolConstants.Name(frame.Kind)} error block has an empty message");
        return new RingError(message)
        {
            RuleId = rule.Length == 0 ? null : rule,
            Field = field.Length == 0 ? null : field,
            RingOffset = (present & 1) != 0 ? offset : null,
            Value = (present & 2) != 0 ? value : null,
        };
    }

    /// <summary>Fails unless the whole body was read (trailing bytes are a protocol error in v1).</summary>
    public void End()
    {
        if (_at != _body.Length)
            throw new MalformedFrameException($"{ProtocolConstants.Name(frame.Kind)} body has {_body.Length - _at} byte(s) after its last field");
    }
}

/// <summary>Splits a byte stream into frames (§2), validating the header before the body is read.</summary>
internal sealed class FrameReader(Stream stream, int maxLength = ProtocolConstants.MaxLength)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;
    private Stream _stream = stream;

    /// <summary>Reads the next frames from <paramref name="next"/> (the mailbox, §20); nothing may have arrived after the last frame.</summary>
    /// <exception cref="MalformedFrameException">Bytes arrived on the old stream after the last frame.</exception>
    public void SwitchTo(Stream next)
    {
        if (_end != _start) throw new MalformedFrameException($"bytes arrived on the pipe after the frame that moved the link to the mailbox: {Frame.Quote(Pending)}");
        _stream = next;
    }

    /// <summary>The next frame; null at a clean end of stream (between frames).</summary>
    /// <exception cref="MalformedFrameException">The bytes are not a frame; the message quotes them.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    public Frame? Next()
    {
        if (!Fill(4)) return _end == _start ? null : throw new EndOfStreamException($"the stream ended inside a frame header: {Frame.Quote(Pending)}");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start));
        if (length < ProtocolConstants.MinLength || length > maxLength)
        {
            // Quote what has arrived; reading more could block on a testee that is still running.
            throw new MalformedFrameException($"length field {length} is outside {ProtocolConstants.MinLength}..{maxLength}: {Frame.Quote(Pending)}");
        }
        if (!Fill(ProtocolConstants.HeaderSize))
            throw new EndOfStreamException($"the stream ended inside a frame header: {Frame.Quote(Pending)}");
        var kind = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start + 4));
        var reserved = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start + 6));
        if (reserved != 0 || !ProtocolConstants.IsKnown(kind))
        {
            throw new MalformedFrameException($"{(reserved != 0 ? $"reserved field 0x{reserved:x4} is not zero" : $"kind 0x{kind:x4} is not a message of the protocol")}: {Frame.Quote(Pending)}");
        }
        var total = (int)length + 4;
        if (!Fill(total)) throw new EndOfStreamException($"the stream ended inside a {ProtocolConstants.Name(kind)} frame: {Frame.Quote(Pending)}");
        var id = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start + 8));
        var body = _buffer.AsSpan(_start + ProtocolConstants.HeaderSize, total - ProtocolConstants.HeaderSize).ToArray();
        _start += total;
        return new Frame(kind, id, body);
    }

    private ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

    // Makes at least n bytes available from _start; false at end of stream.
    private bool Fill(int n)
    {
        if (_end - _start >= n) return true;
        if (_start + n > _buffer.Length)
        {
            if (n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(n, _buffer.Length * 2));
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        while (_end - _start < n)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) return false;
            _end += read;
        }
        return true;
    }
}
