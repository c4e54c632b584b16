using System;

namespace QuantizedModels.Runtime;

/// <summary>Concatenation, one input at a time: ONNX Concat on float, TFLite CONCATENATION on int8 of one scale.</summary>
public static class Concat
{
    /// <summary>Copies x [outer, xInner] into y [outer, yInner] at column <paramref name="offset"/>.</summary>
    public static void CopyBlock(ReadOnlySpan<float> x, Span<float> y, int outer, int xInner, int yInner, int offset) =>
        CopyBlock<float>(x, y, outer, xInner, yInner, offset);

    /// <summary>Copies x [outer, xInner] into y [outer, yInner] at column <paramref name="offset"/>.</summary>
    public static void CopyBlock(ReadOnlySpan<sbyte> x, Span<sbyte> y, int outer, int xInner, int yInner, int offset) =>
        CopyBlock<sbyte>(x, y, outer, xInner, yInner, offset);

    private static void CopyBlock<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int xInner, int yInner, int offset)
    {
        if (xInner == yInner)
        {
            // Concat along an axis whose outer product is the whole tensor: one contiguous copy.
            x.Slice(0, outer * xInner).CopyTo(y);
            return;
        }

        for (int o = 0; o < outer; o++)
        {
            x.Slice(o * xInner, xInner).CopyTo(y.Slice(o * yInner + offset, xInner));
        }
    }
}
