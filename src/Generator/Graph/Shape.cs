using System;
using System.Linq;

namespace QuantizedModels.Generator.Graph;

/// <summary>Helpers over dimension arrays; a dimension below zero is unknown.</summary>
internal static class Shape
{
    public static long ElementCount(long[] dims)
    {
        long count = 1;
        foreach (var d in dims)
        {
            count = checked(count * d);
        }

        return count;
    }

    public static bool IsStatic(long[]? dims) => dims is not null && dims.All(d => d >= 0);

    public static string Format(long[]? dims) => dims is null ? "[?]" : "[" + string.Join(",", dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <summary>Row-major element strides of a contiguous tensor.</summary>
    public static long[] Strides(long[] dims)
    {
        var strides = new long[dims.Length];
        long stride = 1;
        for (var d = dims.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= dims[d];
        }

        return strides;
    }

    /// <summary>Element strides of an operand right-aligned to a broadcast output shape; 0 where it is broadcast.</summary>
    public static long[] BroadcastStrides(long[] operand, long[] output)
    {
        var offset = output.Length - operand.Length;
        var strides = new long[output.Length];
        long stride = 1;
        for (var d = output.Length - 1; d >= 0; d--)
        {
            var size = d - offset >= 0 ? operand[d - offset] : 1;
            strides[d] = size == 1 ? 0 : stride;
            stride *= size;
        }

        return strides;
    }

    /// <summary>Maps a flat index of the broadcast output to the flat index of the operand element it reads.</summary>
    public static Func<int, int> BroadcastSourceIndex(long[] operand, long[] output)
    {
        var strides = BroadcastStrides(operand, output);
        return flat =>
        {
            long offset = 0;
            long rest = flat;
            for (var d = output.Length - 1; d >= 0; d--)
            {
                offset += (rest % output[d]) * strides[d];
                rest /= output[d];
            }

            return (int)offset;
        };
    }
}
