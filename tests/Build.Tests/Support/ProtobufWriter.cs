using System.IO;
using System.Text;

namespace QuantizedModels.Build.Tests.Support;

/// <summary>Just enough of the protobuf wire format to write small ONNX models by hand.</summary>
internal sealed class ProtobufWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    private readonly MemoryStream _buffer = new();

    public ProtobufWriter Varint(int field, long value)
    {
        Tag(field, VarintWireType);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtobufWriter Bytes(int field, byte[] value)
    {
        Tag(field, LengthDelimitedWireType);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value, 0, value.Length);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, ProtobufWriter message) => Bytes(field, message.ToArray());

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
