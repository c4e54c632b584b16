using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Export;

/// <summary>
/// Writes protobuf fields in the order they are called; a nested message is written by a child writer and
/// embedded length-delimited, as the wire format requires.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public void Varint(int field, long value)
    {
        Key(field, WireType.Varint);
        WriteVarint(unchecked((ulong)value));
    }

    public void Float(int field, float value)
    {
        Key(field, WireType.Fixed32);
        Write(BitConverter.GetBytes(value));
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, byte[] value)
    {
        Key(field, WireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        Write(value);
    }

    public void Message(int field, Action<ProtoWriter> writeFields)
    {
        var child = new ProtoWriter();
        writeFields(child);
        Bytes(field, child.ToArray());
    }

    public void PackedVarints(int field, IEnumerable<long> values)
    {
        var payload = new ProtoWriter();
        foreach (var value in values) payload.WriteVarint(unchecked((ulong)value));
        Bytes(field, payload.ToArray());
    }

    public void PackedFloats(int field, IEnumerable<float> values)
    {
        var payload = new ProtoWriter();
        foreach (var value in values) payload.Write(BitConverter.GetBytes(value));
        Bytes(field, payload.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Key(int field, WireType wireType) => WriteVarint((ulong)((field << 3) | (int)wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }

    private void Write(byte[] bytes) => _buffer.Write(bytes, 0, bytes.Length);
}
