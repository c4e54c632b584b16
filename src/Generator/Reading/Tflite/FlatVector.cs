namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>A flatbuffer vector whose length was checked to fit in the file; elements are read by index.</summary>
internal readonly struct FlatVector
{
    private readonly FlatBufferReader reader;
    private readonly int elementSize;

    public FlatVector(FlatBufferReader reader, int start, int count, int elementSize)
    {
        this.reader = reader;
        Start = start;
        Count = count;
        this.elementSize = elementSize;
    }

    /// <summary>Position of the first element.</summary>
    public int Start { get; }

    public int Count { get; }

    public int GetInt32(int index) => reader.ReadInt32(ElementPosition(index));

    public long GetInt64(int index) => unchecked((long)reader.ReadUInt64(ElementPosition(index)));

    public float GetFloat(int index) => reader.ReadFloat(ElementPosition(index));

    /// <summary>The table an element of a vector of tables refers to.</summary>
    public FlatTable GetTable(int index) => reader.TableAt(reader.Follow(ElementPosition(index)));

    public int[] ToInt32s()
    {
        var values = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            values[i] = GetInt32(i);
        }

        return values;
    }

    public byte[] ToBytes() => reader.CopyBytes(Start, Count * elementSize);

    private int ElementPosition(int index) => Start + (index * elementSize);
}
