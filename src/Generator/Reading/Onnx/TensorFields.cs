using System.Collections.Generic;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>A <c>TensorProto</c>'s fields as stored, before they are checked and turned into <see cref="Graph.TensorData"/>.</summary>
internal sealed class TensorFields
{
    public const long ExternalLocation = 1;

    public List<ulong> Dims { get; } = new();

    public long DataType { get; private set; }

    public string Name { get; private set; } = "";

    public bool IsSegmented { get; private set; }

    public byte[]? RawData { get; private set; }

    /// <summary>float_data as IEEE bit patterns, so no value is altered on the way.</summary>
    public List<uint> FloatBits { get; } = new();

    public List<ulong> Int32Data { get; } = new();

    public int StringCount { get; private set; }

    public List<ulong> Int64Data { get; } = new();

    public List<ulong> DoubleBits { get; } = new();

    public List<ulong> UInt64Data { get; } = new();

    public List<KeyValuePair<string, string>> ExternalData { get; } = new();

    public long DataLocation { get; private set; }

    /// <param name="describe">Names the tensor in errors, given its name as read so far.</param>
    public static TensorFields Scan(ProtoReader message, System.Func<string, string> describe)
    {
        var fields = new TensorFields();
        MessageScan.Run(message, () => describe(fields.Name), (field, wireType) => fields.Read(message, field, wireType));
        return fields;
    }

    private void Read(ProtoReader message, int field, WireType wireType)
    {
        switch (field)
        {
            case 1: message.ReadRepeatedVarint(wireType, Dims); break;
            case 2: DataType = message.ReadInt64(wireType); break;
            case 3: IsSegmented = true; message.Skip(field, wireType); break;
            case 4: message.ReadRepeatedFixed32(wireType, FloatBits); break;
            case 5: message.ReadRepeatedVarint(wireType, Int32Data); break;
            case 6: StringCount++; message.Skip(field, wireType); break;
            case 7: message.ReadRepeatedVarint(wireType, Int64Data); break;
            case 8: Name = message.ReadString(wireType); break;
            case 9: RawData = message.ReadBytes(wireType); break;
            case 10: message.ReadRepeatedFixed64(wireType, DoubleBits); break;
            case 11: message.ReadRepeatedVarint(wireType, UInt64Data); break;
            case 13: ExternalData.Add(ReadEntry(message.ReadMessage(wireType))); break;
            case 14: DataLocation = message.ReadInt64(wireType); break;
            default: message.Skip(field, wireType); break;
        }
    }

    /// <summary>A <c>StringStringEntryProto</c>: key = 1, value = 2.</summary>
    private static KeyValuePair<string, string> ReadEntry(ProtoReader entry)
    {
        var key = "";
        var value = "";
        while (entry.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1: key = entry.ReadString(wireType); break;
                case 2: value = entry.ReadString(wireType); break;
                default: entry.Skip(field, wireType); break;
            }
        }

        return new KeyValuePair<string, string>(key, value);
    }
}
