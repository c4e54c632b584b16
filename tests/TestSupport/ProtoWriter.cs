using System.Collections.Generic;
using System.IO;
using System.Text;

namespace QuantizedModels.TestSupport;

/// <summary>Builds protobuf bytes for tests, field by field.</summary>
public sealed class ProtoWriter
{
    private readonly MemoryStream stream = new();

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return bytes.ToArray();
    }

    public ProtoWriter Int(int field, long value) => Key(field, 0).Raw(Varint(unchecked((ulong)value)));

    public ProtoWriter Fixed32(int field, uint value) => Key(field, 5).Raw(System.BitConverter.GetBytes(value));

    public ProtoWriter Float(int field, float value) => Key(field, 5).Raw(System.BitConverter.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value) => Key(field, 2).Raw(Varint((ulong)value.Length)).Raw(value);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter value) => Bytes(field, value.ToArray());

    public ProtoWriter PackedVarints(int field, params long[] values)
    {
        var payload = new List<byte>();
        foreach (var v in values)
        {
            payload.AddRange(Varint(unchecked((ulong)v)));
        }

        return Bytes(field, payload.ToArray());
    }

    public ProtoWriter Key(int field, int wireType) => Raw(Varint((ulong)(field << 3 | wireType)));

    public ProtoWriter Raw(byte[] bytes)
    {
        stream.Write(bytes, 0, bytes.Length);
        return this;
    }

    public byte[] ToArray() => stream.ToArray();
}
