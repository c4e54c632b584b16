namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// One flatbuffer table: a position and its checked vtable. Fields are addressed by slot, the field's
/// 0-based position in the schema (a union takes two slots: its type, then its table).
/// <c>default(FlatTable)</c> has an empty vtable, so every field reads as its schema default.
/// </summary>
internal readonly struct FlatTable
{
    private const int VtableHeaderSize = 4;

    private readonly FlatBufferReader reader;
    private readonly int vtable;
    private readonly int vtableSize;
    private readonly int tableSize;

    public FlatTable(FlatBufferReader reader, int position, int vtable, int vtableSize, int tableSize)
    {
        this.reader = reader;
        Position = position;
        this.vtable = vtable;
        this.vtableSize = vtableSize;
        this.tableSize = tableSize;
    }

    public int Position { get; }

    public bool Has(int slot) => FieldPosition(slot, 0) >= 0;

    public byte GetByte(int slot, byte defaultValue)
    {
        var at = FieldPosition(slot, 1);
        return at < 0 ? defaultValue : reader.ReadByte(at);
    }

    public sbyte GetSByte(int slot, sbyte defaultValue) => unchecked((sbyte)GetByte(slot, unchecked((byte)defaultValue)));

    public bool GetBool(int slot, bool defaultValue) => GetByte(slot, defaultValue ? (byte)1 : (byte)0) != 0;

    public int GetInt32(int slot, int defaultValue)
    {
        var at = FieldPosition(slot, 4);
        return at < 0 ? defaultValue : reader.ReadInt32(at);
    }

    public uint GetUInt32(int slot, uint defaultValue)
    {
        var at = FieldPosition(slot, 4);
        return at < 0 ? defaultValue : reader.ReadUInt32(at);
    }

    public ulong GetUInt64(int slot, ulong defaultValue)
    {
        var at = FieldPosition(slot, 8);
        return at < 0 ? defaultValue : reader.ReadUInt64(at);
    }

    public float GetFloat(int slot, float defaultValue)
    {
        var at = FieldPosition(slot, 4);
        return at < 0 ? defaultValue : reader.ReadFloat(at);
    }

    public FlatTable? GetTable(int slot)
    {
        var at = FieldPosition(slot, 4);
        return at < 0 ? null : reader.TableAt(reader.Follow(at));
    }

    public string? GetString(int slot)
    {
        var at = FieldPosition(slot, 4);
        return at < 0 ? null : reader.StringAt(reader.Follow(at));
    }

    public FlatVector? GetVector(int slot, int elementSize)
    {
        var at = FieldPosition(slot, 4);
        return at < 0 ? null : reader.VectorAt(reader.Follow(at), elementSize);
    }

    /// <summary>Where the field's bytes start, or -1 when the table does not store it (the schema default applies).</summary>
    private int FieldPosition(int slot, int size)
    {
        var entry = VtableHeaderSize + (2 * slot);
        if (entry + 2 > vtableSize)
        {
            return -1;
        }

        var offset = reader.ReadUInt16(vtable + entry);
        if (offset == 0)
        {
            return -1;
        }

        if (offset + size > tableSize)
        {
            throw new FlatBufferFormatException(Position + offset, $"field {slot} of the table at byte {Position} lies outside the table's {tableSize} bytes.");
        }

        return Position + offset;
    }
}
