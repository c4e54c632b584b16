namespace QuantizedModels.Runtime;

/// <summary>
/// Build-time packing of int4-valued weights (-8..7) two a byte, for <c>Int4Weights.Unpack</c>. Plain C# with no
/// spans so the source generator compiles the same file (as an internal type, so the two never clash).
/// <para>
/// Elements go in blocks of 32: byte j of a block (16 bytes) holds element j in its low nibble and element j + 16 in
/// its high nibble, so one 16-byte load unpacks into two contiguous 16-byte halves with shifts alone (no
/// interleaving). The last block is zero-padded.
/// </para>
/// </summary>
#if QUANTIZED_MODELS_GENERATOR
internal
#else
public
#endif
static class Int4Packing
{
    /// <summary>Elements per block.</summary>
    public const int BlockElements = 32;

    /// <summary>Bytes <paramref name="count"/> packed elements take.</summary>
    public static int PackedLength(int count) => (count + BlockElements - 1) / BlockElements * (BlockElements / 2);

    /// <summary>Packs int8 values that lie in -8..7.</summary>
    public static byte[] Pack(sbyte[] values)
    {
        var packed = new byte[PackedLength(values.Length)];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < -8 || values[i] > 7) throw new System.ArgumentOutOfRangeException(nameof(values), $"value {values[i]} at {i} is outside int4 (-8..7)");
            int block = i / BlockElements, j = i % BlockElements;
            int nibble = values[i] & 0xF;
            packed[block * (BlockElements / 2) + j % (BlockElements / 2)] |= (byte)(j < BlockElements / 2 ? nibble : nibble << 4);
        }

        return packed;
    }
}
