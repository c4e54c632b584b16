using System;

namespace QuantizedModels.Runtime;

/// <summary>Row-major multi-index helpers shared by the shape-generic kernels (up to <see cref="MaxRank"/> dims).</summary>
internal static class TensorIndex
{
    public const int MaxRank = 6;

    /// <summary>Advances a row-major multi-index over <paramref name="shape"/>; false once it wraps to all zeros.</summary>
    public static bool Increment(Span<int> index, ReadOnlySpan<int> shape)
    {
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (++index[d] < shape[d])
            {
                return true;
            }

            index[d] = 0;
        }

        return false;
    }

    /// <summary>Element offset of a multi-index under the given strides.</summary>
    public static int Offset(ReadOnlySpan<int> index, ReadOnlySpan<int> strides)
    {
        int offset = 0;
        for (int d = 0; d < index.Length; d++)
        {
            offset += index[d] * strides[d];
        }

        return offset;
    }

    /// <summary>Writes the contiguous row-major strides of <paramref name="shape"/>.</summary>
    public static void RowMajorStrides(ReadOnlySpan<int> shape, Span<int> strides)
    {
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
    }

    /// <summary>Product of the dims.</summary>
    public static int Count(ReadOnlySpan<int> shape)
    {
        int count = 1;
        foreach (int dim in shape)
        {
            count *= dim;
        }

        return count;
    }
}
