using System;

namespace QuantizedModels.Generator.Graph;

/// <summary>
/// A constant tensor: element type, dimensions and its elements as little-endian bytes.
/// Readers convert every storage form (raw bytes, typed fields, external files) into this one.
/// </summary>
internal sealed class TensorData
{
    public TensorData(ElementType type, long[] dims, byte[] bytes)
    {
        Type = type;
        Dims = dims;
        Bytes = bytes;
    }

    public ElementType Type { get; }

    public long[] Dims { get; }

    public byte[] Bytes { get; }

    public long ElementCount => Shape.ElementCount(Dims);

    public static TensorData FromFloats(long[] dims, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return new TensorData(ElementType.Float, dims, bytes);
    }

    public static TensorData FromInt64s(long[] dims, long[] values)
    {
        var bytes = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return new TensorData(ElementType.Int64, dims, bytes);
    }

    /// <summary>The elements as float32; integer and half types are converted.</summary>
    public float[] ToFloats()
    {
        var count = checked((int)ElementCount);
        var result = new float[count];
        switch (Type)
        {
            case ElementType.Float:
                Buffer.BlockCopy(Bytes, 0, result, 0, count * 4);
                break;
            case ElementType.Double:
                for (var i = 0; i < count; i++) result[i] = (float)BitConverter.ToDouble(Bytes, i * 8);
                break;
            case ElementType.Float16:
                for (var i = 0; i < count; i++) result[i] = HalfBits.ToSingle(BitConverter.ToUInt16(Bytes, i * 2));
                break;
            default:
                var longs = ToInt64s();
                for (var i = 0; i < count; i++) result[i] = longs[i];
                break;
        }

        return result;
    }

    /// <summary>The elements as int64; valid for integer and bool types.</summary>
    public long[] ToInt64s()
    {
        var count = checked((int)ElementCount);
        var result = new long[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Type switch
            {
                ElementType.Int64 => BitConverter.ToInt64(Bytes, i * 8),
                ElementType.UInt64 => (long)BitConverter.ToUInt64(Bytes, i * 8),
                ElementType.Int32 => BitConverter.ToInt32(Bytes, i * 4),
                ElementType.UInt32 => BitConverter.ToUInt32(Bytes, i * 4),
                ElementType.Int16 => BitConverter.ToInt16(Bytes, i * 2),
                ElementType.UInt16 => BitConverter.ToUInt16(Bytes, i * 2),
                ElementType.Int8 => (sbyte)Bytes[i],
                ElementType.UInt8 or ElementType.Bool => Bytes[i],
                ElementType.Float => (long)BitConverter.ToSingle(Bytes, i * 4),
                ElementType.Double => (long)BitConverter.ToDouble(Bytes, i * 8),
                _ => throw new InvalidOperationException($"Cannot read {Type.DisplayName()} elements as integers."),
            };
        }

        return result;
    }
}
