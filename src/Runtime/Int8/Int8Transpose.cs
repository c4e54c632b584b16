using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 TRANSPOSE of a tensor of rank 4 (lower ranks padded with leading 1s): y's dimension i is x's
/// dimension perm[i]. The integer graph uses it to turn NCHW inputs channels-last and NHWC results back.
/// </summary>
public static class Int8Transpose
{
    /// <summary>inShape: x's 4 dimensions; perm: a permutation of 0..3.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, ReadOnlySpan<int> inShape, ReadOnlySpan<int> perm)
    {
        if (inShape.Length != 4 || perm.Length != 4 || (1 << perm[0] | 1 << perm[1] | 1 << perm[2] | 1 << perm[3]) != 0b1111)
        {
            throw new ArgumentException("TRANSPOSE takes a 4-D shape and a permutation of 0..3.");
        }

        int count = inShape[0] * inShape[1] * inShape[2] * inShape[3];
        if (x.Length < count || y.Length < count)
        {
            throw new ArgumentException("The spans are shorter than the shape.");
        }

        // Input strides seen in output order: walking y sequentially reads x at these steps.
        Span<int> inStrides = [inShape[1] * inShape[2] * inShape[3], inShape[2] * inShape[3], inShape[3], 1];
        int s0 = inStrides[perm[0]], s1 = inStrides[perm[1]], s2 = inStrides[perm[2]], s3 = inStrides[perm[3]];
        int e0 = inShape[perm[0]], e1 = inShape[perm[1]], e2 = inShape[perm[2]], e3 = inShape[perm[3]];
        int o = 0;
        for (int i0 = 0; i0 < e0; i0++)
        for (int i1 = 0; i1 < e1; i1++)
        for (int i2 = 0; i2 < e2; i2++)
        {
            int source = i0 * s0 + i1 * s1 + i2 * s2;
            for (int i3 = 0; i3 < e3; i3++)
            {
                y[o++] = x[source + i3 * s3];
            }
        }
    }
}
