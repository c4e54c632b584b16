using System;

namespace QuantizedModels.Runtime;

/// <summary>ONNX Transpose over up to 6 dims: y's dim d is x's dim perm[d].</summary>
public static class Transpose
{
    /// <summary>Runs the permutation; x and y must not overlap.</summary>
    public static void Run(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> inShape, ReadOnlySpan<int> perm)
    {
        int rank = inShape.Length;
        if (rank == 0)
        {
            y[0] = x[0];
            return;
        }

        Span<int> inStrides = stackalloc int[TensorIndex.MaxRank];
        Span<int> gatherStrides = stackalloc int[TensorIndex.MaxRank];
        Span<int> outShape = stackalloc int[TensorIndex.MaxRank];
        TensorIndex.RowMajorStrides(inShape, inStrides.Slice(0, rank));
        for (int d = 0; d < rank; d++)
        {
            outShape[d] = inShape[perm[d]];
            gatherStrides[d] = inStrides[perm[d]];
        }

        // Walk y row by row (its last dim), gathering each row from x with one stride.
        int rowLength = outShape[rank - 1];
        int step = gatherStrides[rank - 1];
        ReadOnlySpan<int> outerShape = outShape.Slice(0, rank - 1);
        if (rowLength == 0 || TensorIndex.Count(outerShape) == 0)
        {
            return;
        }

        Span<int> index = stackalloc int[TensorIndex.MaxRank];
        index = index.Slice(0, rank - 1);
        index.Clear();
        int yOffset = 0;
        do
        {
            ReadOnlySpan<float> source = x.Slice(TensorIndex.Offset(index, gatherStrides.Slice(0, rank - 1)));
            Span<float> yRow = y.Slice(yOffset, rowLength);
            if (step == 1)
            {
                source.Slice(0, rowLength).CopyTo(yRow);
            }
            else
            {
                for (int j = 0; j < rowLength; j++)
                {
                    yRow[j] = source[j * step];
                }
            }

            yOffset += rowLength;
        }
        while (TensorIndex.Increment(index, outerShape));
    }

    /// <summary>Scalar form, the specification the fast path is tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> inShape, ReadOnlySpan<int> perm)
    {
        int rank = inShape.Length;
        Span<int> inStrides = stackalloc int[TensorIndex.MaxRank];
        TensorIndex.RowMajorStrides(inShape, inStrides.Slice(0, rank));
        int count = TensorIndex.Count(inShape);
        for (int flat = 0; flat < count; flat++)
        {
            int offset = 0, rest = flat;
            for (int d = rank - 1; d >= 0; d--)
            {
                int outDim = inShape[perm[d]];
                offset += rest % outDim * inStrides[perm[d]];
                rest /= outDim;
            }

            y[flat] = x[offset];
        }
    }
}
