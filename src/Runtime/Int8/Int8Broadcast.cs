using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// Numpy broadcasting of an int8 tensor of rank 4 (lower ranks padded with leading 1s) to a larger shape: every
/// dimension of x is 1 (repeated) or equal to y's. ADD and MUL broadcast an operand this way into scratch memory and
/// then run elementwise, which gives the values TFLite's broadcasting kernels compute.
/// </summary>
public static class Int8Broadcast
{
    /// <summary>inShape: x's 4 dimensions; outShape: y's, each equal to x's or x's being 1.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, ReadOnlySpan<int> inShape, ReadOnlySpan<int> outShape)
    {
        if (inShape.Length != 4 || outShape.Length != 4)
        {
            throw new ArgumentException("BROADCAST takes 4-D shapes.");
        }

        Span<int> strides = stackalloc int[4];
        int stride = 1;
        for (int d = 3; d >= 0; d--)
        {
            if (inShape[d] != 1 && inShape[d] != outShape[d])
            {
                throw new ArgumentException("Each input dimension must be 1 or equal to the output's.");
            }

            strides[d] = inShape[d] == 1 ? 0 : stride;
            stride *= inShape[d];
        }

        int count = outShape[0] * outShape[1] * outShape[2] * outShape[3];
        if (x.Length < stride || y.Length < count)
        {
            throw new ArgumentException("The spans are shorter than the shapes.");
        }

        int o = 0;
        for (int i0 = 0; i0 < outShape[0]; i0++)
        for (int i1 = 0; i1 < outShape[1]; i1++)
        for (int i2 = 0; i2 < outShape[2]; i2++)
        {
            int source = i0 * strides[0] + i1 * strides[1] + i2 * strides[2];
            for (int i3 = 0; i3 < outShape[3]; i3++)
            {
                y[o++] = x[source + i3 * strides[3]];
            }
        }
    }
}
