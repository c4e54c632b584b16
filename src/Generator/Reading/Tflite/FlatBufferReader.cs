using System;
using System.Text;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// Bounds-checked access to a flatbuffer held in a byte array. Every offset, vtable and vector length is
/// checked against the array before use. References (uoffset) are unsigned and point forward, so following
/// them cannot loop; the read budget stops files whose offsets make the same bytes be read again and again.
/// </summary>
internal sealed class FlatBufferReader
{
    /// <summary>How many times over a file's bytes may be read through vectors; shared vectors are legal but rare.</summary>
    private const long ReadBudgetFactor = 8;
    private const long ReadBudgetSlack = 1 << 16;

    private readonly byte[] bytes;
    private readonly long readBudget;
    private long bytesRead;

    public FlatBufferReader(byte[] bytes)
    {
        this.bytes = bytes;
        readBudget = (ReadBudgetFactor * bytes.Length) + ReadBudgetSlack;
    }

    public int Length => bytes.Length;

    /// <summary>The root table, whose uoffset is the first 4 bytes of the file.</summary>
    public FlatTable Root() => TableAt(Follow(0));

    /// <summary>The target of the uoffset stored at <paramref name="at"/>.</summary>
    public int Follow(int at)
    {
        var target = at + (long)ReadUInt32(at);
        if (target > bytes.Length - 4L)
        {
            throw new FlatBufferFormatException(at, $"an offset points to byte {target}, past the end of the {bytes.Length}-byte file.");
        }

        return (int)target;
    }

    /// <summary>The table starting at <paramref name="position"/>, with its vtable checked.</summary>
    public FlatTable TableAt(int position)
    {
        var vtable = position - (long)ReadInt32(position);
        if (vtable < 0 || vtable > bytes.Length - 4L)
        {
            throw new FlatBufferFormatException(position, $"the table's vtable would be at byte {vtable}, outside the {bytes.Length}-byte file.");
        }

        var vtableSize = ReadUInt16((int)vtable);
        var tableSize = ReadUInt16((int)vtable + 2);
        if (vtableSize < 4 || vtableSize % 2 != 0 || vtable + vtableSize > bytes.Length)
        {
            throw new FlatBufferFormatException(vtable, $"the vtable claims {vtableSize} bytes, which is not an even size of at least 4 that fits in the file.");
        }

        if (tableSize < 4 || position + (long)tableSize > bytes.Length)
        {
            throw new FlatBufferFormatException(position, $"the table claims {tableSize} bytes, which is less than 4 or runs past the end of the {bytes.Length}-byte file.");
        }

        return new FlatTable(this, position, (int)vtable, vtableSize, tableSize);
    }

    /// <summary>The vector whose length prefix is at <paramref name="position"/>.</summary>
    public FlatVector VectorAt(int position, int elementSize)
    {
        var count = ReadUInt32(position);
        var start = position + 4L;
        var byteLength = count * (long)elementSize;
        if (byteLength > bytes.Length - start)
        {
            throw new FlatBufferFormatException(position, $"a vector claims {count} elements of {elementSize} bytes, more than the {bytes.Length - start} bytes left in the file.");
        }

        bytesRead += byteLength;
        if (bytesRead > readBudget)
        {
            throw new FlatBufferFormatException(position, $"the file's offsets lead to the same data again and again (over {readBudget} bytes read from a {bytes.Length}-byte file), which a well-formed model never does.");
        }

        return new FlatVector(this, (int)start, (int)count, elementSize);
    }

    /// <summary>UTF-8 text; invalid sequences become U+FFFD rather than failing, as names are only displayed.</summary>
    public string StringAt(int position)
    {
        var vector = VectorAt(position, 1);
        return Encoding.UTF8.GetString(bytes, vector.Start, vector.Count);
    }

    public byte[] CopyBytes(int start, int length)
    {
        Require(start, length);
        var copy = new byte[length];
        Buffer.BlockCopy(bytes, start, copy, 0, length);
        return copy;
    }

    public byte ReadByte(int at)
    {
        Require(at, 1);
        return bytes[at];
    }

    public ushort ReadUInt16(int at)
    {
        Require(at, 2);
        return (ushort)(bytes[at] | bytes[at + 1] << 8);
    }

    public uint ReadUInt32(int at)
    {
        Require(at, 4);
        return (uint)(bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16 | bytes[at + 3] << 24);
    }

    public int ReadInt32(int at) => unchecked((int)ReadUInt32(at));

    public ulong ReadUInt64(int at) => ReadUInt32(at) | (ulong)ReadUInt32(at + 4) << 32;

    public float ReadFloat(int at) => BitConverter.ToSingle(BitConverter.GetBytes(ReadUInt32(at)), 0);

    private void Require(long at, long length)
    {
        if (at < 0 || length < 0 || at + length > bytes.Length)
        {
            throw new FlatBufferFormatException(at, $"{length} bytes are needed there, past the end of the {bytes.Length}-byte file.");
        }
    }
}
