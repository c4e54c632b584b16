using System.Collections.Generic;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>
/// Elements stored in a TensorProto's typed fields (float_data, int32_data, ...) rather than raw_data,
/// re-encoded as the little-endian bytes of the tensor's own element width.
/// </summary>
internal static class TypedFieldData
{
    public static byte[] ToBytes(TensorFields fields, ElementType type, long elementCount, string where)
    {
        var (fieldName, values) = FieldFor(fields, type);
        if (values.Count != elementCount)
        {
            if (values.Count == 0 && fields.StringCount > 0)
            {
                throw new ModelException($"{where} is {type.DisplayName()} but stores its elements in string_data.");
            }

            throw new ModelException(values.Count == 0
                ? $"{where} declares {elementCount} elements of {type.DisplayName()} but holds no data for them (raw_data and {fieldName} are empty)."
                : $"{where} has {values.Count} values in {fieldName}, but its dimensions need {elementCount}.");
        }

        var width = type.SizeInBytes();
        var bytes = new byte[values.Count * width];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (!FitsWidth(value, type))
            {
                throw new ModelException($"{where} holds {unchecked((long)value)} at element {i} of {fieldName}, which does not fit in {type.DisplayName()}.");
            }

            for (var b = 0; b < width; b++)
            {
                bytes[i * width + b] = (byte)(value >> (8 * b));
            }
        }

        return bytes;
    }

    /// <summary>The typed field ONNX assigns to an element type, with its values widened to 64 bits.</summary>
    private static (string FieldName, IReadOnlyList<ulong> Values) FieldFor(TensorFields fields, ElementType type) => type switch
    {
        ElementType.Float => ("float_data", fields.FloatBits.ConvertAll(bits => (ulong)bits)),
        ElementType.Double => ("double_data", fields.DoubleBits),
        ElementType.Int64 => ("int64_data", fields.Int64Data),
        ElementType.UInt32 or ElementType.UInt64 => ("uint64_data", fields.UInt64Data),
        _ => ("int32_data", fields.Int32Data),
    };

    /// <summary>
    /// Whether a stored value survives truncation to the element width. int32_data carries 8- and 16-bit
    /// types (float16 as its bit pattern); writers differ on signed or unsigned, so either reading is accepted.
    /// </summary>
    private static bool FitsWidth(ulong value, ElementType type)
    {
        var signed = unchecked((long)value);
        return type switch
        {
            ElementType.Int8 or ElementType.UInt8 or ElementType.Bool => signed is >= sbyte.MinValue and <= byte.MaxValue,
            ElementType.Int16 or ElementType.UInt16 or ElementType.Float16 => signed is >= short.MinValue and <= ushort.MaxValue,
            ElementType.Int32 => signed is >= int.MinValue and <= uint.MaxValue,
            ElementType.UInt32 => value <= uint.MaxValue,
            _ => true,
        };
    }
}
