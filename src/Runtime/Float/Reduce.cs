using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>ONNX reductions over up to 6 dims.</summary>
public static class Reduce
{
    /// <summary>
    /// Mean over the dims d whose bit (1 &lt;&lt; d) is set in <paramref name="reduceMask"/>; y holds the kept dims in order
    /// (keepdims only changes the shape, not the data).
    /// </summary>
    public static void Mean(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> inShape, int reduceMask)
    {
        int rank = inShape.Length;
        Span<int> keptStrides = stackalloc int[TensorIndex.MaxRank];
        int reducedCount = KeptStrides(inShape, reduceMask, keptStrides);
        int keptCount = TensorIndex.Count(inShape) / Math.Max(reducedCount, 1);
        y.Slice(0, keptCount).Clear();
        if (rank == 0)
        {
            y[0] = x[0];
            return;
        }

        // Walk x row by row (its last dim): a reduced last dim sums into one output, a kept one adds a whole row.
        int last = rank - 1;
        int rowLength = inShape[last];
        bool lastReduced = (reduceMask & (1 << last)) != 0;
        ReadOnlySpan<int> outerShape = inShape.Slice(0, last);
        if (rowLength > 0 && TensorIndex.Count(outerShape) > 0)
        {
            Span<int> index = stackalloc int[TensorIndex.MaxRank];
            index = index.Slice(0, last);
            index.Clear();
            int xOffset = 0;
            do
            {
                ReadOnlySpan<float> xRow = x.Slice(xOffset, rowLength);
                int yOffset = TensorIndex.Offset(index, keptStrides.Slice(0, last));
                if (lastReduced)
                {
                    y[yOffset] += TensorPrimitives.Sum(xRow);
                }
                else
                {
                    Span<float> yRow = y.Slice(yOffset, rowLength);
                    TensorPrimitives.Add(yRow, xRow, yRow);
                }

                xOffset += rowLength;
            }
            while (TensorIndex.Increment(index, outerShape));
        }

        TensorPrimitives.Divide(y.Slice(0, keptCount), reducedCount, y.Slice(0, keptCount));
    }

    /// <summary>Strides of the kept dims within y (0 for reduced dims); returns how many elements each mean covers.</summary>
    private static int KeptStrides(ReadOnlySpan<int> inShape, int reduceMask, Span<int> keptStrides)
    {
        int stride = 1, reducedCount = 1;
        for (int d = inShape.Length - 1; d >= 0; d--)
        {
            if ((reduceMask & (1 << d)) != 0)
            {
                keptStrides[d] = 0;
                reducedCount *= inShape[d];
            }
            else
            {
                keptStrides[d] = stride;
                stride *= inShape[d];
            }
        }

        return reducedCount;
    }

    /// <summary>Scalar form of <see cref="Mean"/>, the specification the fast path is tested against.</summary>
    internal static void MeanReference(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> inShape, int reduceMask)
    {
        Span<int> keptStrides = stackalloc int[TensorIndex.MaxRank];
        int reducedCount = KeptStrides(inShape, reduceMask, keptStrides);
        int count = TensorIndex.Count(inShape);
        y.Slice(0, count / Math.Max(reducedCount, 1)).Clear();
        for (int flat = 0; flat < count; flat++)
        {
            int yOffset = 0, rest = flat;
            for (int d = inShape.Length - 1; d >= 0; d--)
            {
                yOffset += rest % inShape[d] * keptStrides[d];
                rest /= inShape[d];
            }

            y[yOffset] += x[flat];
        }

        for (int i = 0; i < count / Math.Max(reducedCount, 1); i++)
        {
            y[i] /= reducedCount;
        }
    }
}
