using System;

namespace QuantizedModels.Runtime;

/// <summary>How <see cref="Pad"/> fills positions outside the input.</summary>
public enum PadMode
{
    /// <summary>A constant value.</summary>
    Constant,
    /// <summary>Mirror without repeating the edge (d c b | a b c d | c b a); repeats when the pad exceeds the dim.</summary>
    Reflect,
    /// <summary>Repeat the edge element.</summary>
    Edge,
    /// <summary>Wrap around (b c d | a b c d | a b c).</summary>
    Wrap,
}

/// <summary>ONNX Pad over up to 6 dims.</summary>
public static class Pad
{
    /// <summary>
    /// Pads x into y. pads: begin pads of every dim then end pads (ONNX order); a negative pad crops. Output position
    /// o of a dim reads input position o - begin, mapped into the (uncropped) input by the mode when outside it.
    /// </summary>
    public static void Run(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> inShape, ReadOnlySpan<int> pads,
                           PadMode mode, float value)
    {
        int rank = inShape.Length;
        if (rank == 0)
        {
            y[0] = x[0];
            return;
        }

        Span<int> inStrides = stackalloc int[TensorIndex.MaxRank];
        Span<int> outShape = stackalloc int[TensorIndex.MaxRank];
        TensorIndex.RowMajorStrides(inShape, inStrides.Slice(0, rank));
        for (int d = 0; d < rank; d++)
        {
            outShape[d] = inShape[d] + pads[d] + pads[rank + d];
        }

        int last = rank - 1;
        int rowLength = outShape[last], inRowLength = inShape[last], begin = pads[last];
        ReadOnlySpan<int> outerShape = outShape.Slice(0, last);
        if (rowLength == 0 || TensorIndex.Count(outerShape) == 0)
        {
            return;
        }

        // The run of each output row that maps straight onto the input row: copied in one go.
        WindowMath.OutputRange(-begin, 1, inRowLength, rowLength, out int copyFirst, out int copyEnd);
        Span<int> index = stackalloc int[TensorIndex.MaxRank];
        index = index.Slice(0, last);
        index.Clear();
        int yOffset = 0;
        do
        {
            Span<float> yRow = y.Slice(yOffset, rowLength);
            yOffset += rowLength;
            int xOffset = 0;
            bool inside = true;
            for (int d = 0; d < last && inside; d++)
            {
                int source = MapIndex(index[d] - pads[d], inShape[d], mode);
                inside = source >= 0;
                xOffset += source * inStrides[d];
            }

            if (!inside)
            {
                // Constant mode, and this row lies in the padding of an outer dim.
                yRow.Fill(value);
                continue;
            }

            ReadOnlySpan<float> xRow = x.Slice(xOffset, inRowLength);
            for (int j = 0; j < copyFirst; j++)
            {
                yRow[j] = Read(xRow, j - begin, mode, value);
            }

            if (copyEnd > copyFirst)
            {
                xRow.Slice(copyFirst - begin, copyEnd - copyFirst).CopyTo(yRow.Slice(copyFirst));
            }

            for (int j = copyEnd; j < rowLength; j++)
            {
                yRow[j] = Read(xRow, j - begin, mode, value);
            }
        }
        while (TensorIndex.Increment(index, outerShape));
    }

    private static float Read(ReadOnlySpan<float> xRow, int position, PadMode mode, float value)
    {
        int source = MapIndex(position, xRow.Length, mode);
        return source < 0 ? value : xRow[source];
    }

    /// <summary>Input position read for a (possibly outside) position i of a dim of size n; -1 means the constant.</summary>
    internal static int MapIndex(int i, int n, PadMode mode)
    {
        if ((uint)i < (uint)n)
        {
            return i;
        }

        switch (mode)
        {
            case PadMode.Edge:
                return i < 0 ? 0 : n - 1;
            case PadMode.Wrap:
                return (i % n + n) % n;
            case PadMode.Reflect:
                if (n == 1)
                {
                    return 0;
                }

                int period = 2 * (n - 1);
                int t = (i % period + period) % period;
                return t < n ? t : period - t;
            default:
                return -1;
        }
    }

    /// <summary>Scalar form, the specification the fast path is tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> inShape, ReadOnlySpan<int> pads,
                                   PadMode mode, float value)
    {
        int rank = inShape.Length;
        Span<int> outShape = stackalloc int[TensorIndex.MaxRank];
        for (int d = 0; d < rank; d++)
        {
            outShape[d] = inShape[d] + pads[d] + pads[rank + d];
        }

        int count = TensorIndex.Count(outShape.Slice(0, rank));
        for (int flat = 0; flat < count; flat++)
        {
            int offset = 0, stride = 1, rest = flat;
            bool inside = true;
            for (int d = rank - 1; d >= 0; d--)
            {
                int source = MapIndex(rest % outShape[d] - pads[d], inShape[d], mode);
                rest /= outShape[d];
                inside &= source >= 0;
                offset += source * stride;
                stride *= inShape[d];
            }

            y[flat] = inside ? x[offset] : value;
        }
    }
}
