using System;
using System.Collections.Generic;
using System.Text;

namespace QuantizedModels.Generator.Reading.Protobuf;

/// <summary>
/// Forward-only reader of one protobuf message: a window of a byte array. Offsets in errors are
/// positions in the whole array, so a user can find the broken byte in the file.
/// Every length is checked against the window before use; nothing allocates more than the input holds.
/// </summary>
internal sealed class ProtoReader
{
    private const int MaxVarintBytes = 10;
    private const int MaxGroupDepth = 64;

    private readonly byte[] buffer;
    private readonly int end;
    private int position;

    public ProtoReader(byte[] buffer)
        : this(buffer, 0, buffer.Length)
    {
    }

    private ProtoReader(byte[] buffer, int start, int end)
    {
        this.buffer = buffer;
        position = start;
        this.end = end;
    }

    /// <summary>Offset in the whole array of the next byte to read.</summary>
    public int Position => position;

    /// <summary>Reads the next field key; false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        if (position >= end)
        {
            fieldNumber = 0;
            wireType = WireType.Varint;
            return false;
        }

        var keyOffset = position;
        var key = ReadVarint();
        var type = (int)(key & 7);
        var number = key >> 3;
        if (number == 0 || number > int.MaxValue)
        {
            throw new ProtoFormatException(keyOffset, $"field number {number} is not valid.");
        }

        if (type > (int)WireType.Fixed32)
        {
            throw new ProtoFormatException(keyOffset, $"wire type {type} of field {number} does not exist.");
        }

        fieldNumber = (int)number;
        wireType = (WireType)type;
        return true;
    }

    public ulong ReadVarint()
    {
        var start = position;
        ulong result = 0;
        for (var i = 0; i < MaxVarintBytes; i++)
        {
            if (position >= end)
            {
                throw new ProtoFormatException(start, "a varint runs past the end of its message.");
            }

            var b = buffer[position++];
            result |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ProtoFormatException(start, "a varint is longer than 10 bytes.");
    }

    /// <summary>An int64, int32 or enum field; protobuf sign-extends negative int32 values to 64 bits.</summary>
    public long ReadInt64(WireType wireType)
    {
        Expect(wireType, WireType.Varint);
        return unchecked((long)ReadVarint());
    }

    public float ReadFloat(WireType wireType)
    {
        Expect(wireType, WireType.Fixed32);
        return BitConverter.ToSingle(BitConverter.GetBytes(ReadFixed32()), 0);
    }

    private uint ReadFixed32()
    {
        var at = Take(4, "a 4-byte value");
        return (uint)(buffer[at] | buffer[at + 1] << 8 | buffer[at + 2] << 16 | buffer[at + 3] << 24);
    }

    private ulong ReadFixed64()
    {
        var low = ReadFixed32();
        var high = ReadFixed32();
        return low | (ulong)high << 32;
    }

    /// <summary>The payload of a length-delimited field as a reader of its own.</summary>
    public ProtoReader ReadMessage(WireType wireType)
    {
        Expect(wireType, WireType.LengthDelimited);
        return ReadMessage();
    }

    public byte[] ReadBytes(WireType wireType)
    {
        Expect(wireType, WireType.LengthDelimited);
        var (start, length) = ReadLengthPrefix();
        var bytes = new byte[length];
        Buffer.BlockCopy(buffer, start, bytes, 0, length);
        return bytes;
    }

    /// <summary>UTF-8 text; invalid sequences become U+FFFD rather than failing, as names are only displayed.</summary>
    public string ReadString(WireType wireType)
    {
        Expect(wireType, WireType.LengthDelimited);
        var (start, length) = ReadLengthPrefix();
        return Encoding.UTF8.GetString(buffer, start, length);
    }

    private ProtoReader ReadMessage()
    {
        var (start, length) = ReadLengthPrefix();
        return new ProtoReader(buffer, start, start + length);
    }

    /// <summary>Repeated varint field, whether written packed (one length-delimited run) or one value per key.</summary>
    public void ReadRepeatedVarint(WireType wireType, List<ulong> into)
    {
        if (wireType == WireType.LengthDelimited)
        {
            var packed = ReadMessage();
            while (packed.position < packed.end)
            {
                into.Add(packed.ReadVarint());
            }
        }
        else
        {
            Expect(wireType, WireType.Varint);
            into.Add(ReadVarint());
        }
    }

    /// <summary>Repeated 4-byte field (float, fixed32), packed or not, kept as raw bits.</summary>
    public void ReadRepeatedFixed32(WireType wireType, List<uint> into)
    {
        if (wireType == WireType.LengthDelimited)
        {
            var packed = ReadPackedFixed(4);
            while (packed.position < packed.end)
            {
                into.Add(packed.ReadFixed32());
            }
        }
        else
        {
            Expect(wireType, WireType.Fixed32);
            into.Add(ReadFixed32());
        }
    }

    /// <summary>Repeated 8-byte field (double, fixed64), packed or not, kept as raw bits.</summary>
    public void ReadRepeatedFixed64(WireType wireType, List<ulong> into)
    {
        if (wireType == WireType.LengthDelimited)
        {
            var packed = ReadPackedFixed(8);
            while (packed.position < packed.end)
            {
                into.Add(packed.ReadFixed64());
            }
        }
        else
        {
            Expect(wireType, WireType.Fixed64);
            into.Add(ReadFixed64());
        }
    }

    /// <summary>Fails unless a field arrived with the wire type its schema gives it.</summary>
    private void Expect(WireType actual, WireType expected)
    {
        if (actual != expected)
        {
            throw new ProtoFormatException(position, $"a field arrived as {actual} where the schema says {expected}.");
        }
    }

    /// <summary>Skips a field this reader does not use, of any wire type.</summary>
    public void Skip(int fieldNumber, WireType wireType) => Skip(fieldNumber, wireType, 0);

    private void Skip(int fieldNumber, WireType wireType, int groupDepth)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8, "an 8-byte value");
                break;
            case WireType.Fixed32:
                Take(4, "a 4-byte value");
                break;
            case WireType.LengthDelimited:
                ReadLengthPrefix();
                break;
            case WireType.StartGroup:
                SkipGroup(fieldNumber, groupDepth + 1);
                break;
            default:
                throw new ProtoFormatException(position, $"an end-group marker for field {fieldNumber} has no matching start.");
        }
    }

    // Groups are a deprecated encoding ONNX never writes, but an unknown field may still use one.
    private void SkipGroup(int groupField, int depth)
    {
        var start = position;
        if (depth > MaxGroupDepth)
        {
            throw new ProtoFormatException(start, $"groups are nested more than {MaxGroupDepth} deep.");
        }

        while (TryReadTag(out var field, out var type))
        {
            if (type == WireType.EndGroup)
            {
                if (field != groupField)
                {
                    throw new ProtoFormatException(position, $"group {groupField} is closed by an end marker for field {field}.");
                }

                return;
            }

            Skip(field, type, depth);
        }

        throw new ProtoFormatException(start, $"group {groupField} is never closed.");
    }

    private ProtoReader ReadPackedFixed(int elementSize)
    {
        var packed = ReadMessage();
        if ((packed.end - packed.position) % elementSize != 0)
        {
            throw new ProtoFormatException(packed.position, $"a packed run of {elementSize}-byte values is {packed.end - packed.position} bytes long, not a multiple of {elementSize}.");
        }

        return packed;
    }

    private (int Start, int Length) ReadLengthPrefix()
    {
        var prefixOffset = position;
        var length = ReadVarint();
        var remaining = end - position;
        if (length > (ulong)remaining)
        {
            throw new ProtoFormatException(prefixOffset, $"a field declares {length} bytes but only {remaining} remain in its message.");
        }

        var start = position;
        position += (int)length;
        return (start, (int)length);
    }

    private int Take(int count, string what)
    {
        if (end - position < count)
        {
            throw new ProtoFormatException(position, $"{what} runs past the end of its message.");
        }

        var at = position;
        position += count;
        return at;
    }
}
