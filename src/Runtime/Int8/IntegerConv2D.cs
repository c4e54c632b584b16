using System;
using System.Numerics;

namespace QuantizedModels.Runtime;

/// <summary>
/// ONNX ConvInteger and QLinearConv on NCHW int8/uint8 tensors with [M, C/group, KH, KW] weights: each output is
/// sum (x - x zero point) x (w - w zero point of its output channel) + bias, in int32. Padded taps add nothing (padding
/// with the input zero point). QLinearConv requantizes each sum with ONNX Runtime's float form. The models that use
/// these forms are small, so this is the scalar loop only.
/// </summary>
public static class IntegerConv2D
{
    /// <summary>ConvInteger: the int32 sums (no bias).</summary>
    public static void Run<TX, TW>(ReadOnlySpan<TX> x, ReadOnlySpan<TW> w, Span<int> y, in Conv2DShape shape, int xZeroPoint, ReadOnlySpan<int> wZeroPoints)
        where TX : unmanaged, IBinaryInteger<TX>
        where TW : unmanaged, IBinaryInteger<TW>
    {
        Check(shape, x.Length, w.Length, 0, y.Length, wZeroPoints.Length);
        for (int index = 0; index < y.Length; index++)
        {
            y[index] = Sum(x, w, default, shape, index, xZeroPoint, wZeroPoints);
        }
    }

    /// <summary>QLinearConv with an int8 output (zero point and range in the requantization, one scale per output channel or one).</summary>
    public static void Run<TX, TW>(ReadOnlySpan<TX> x, ReadOnlySpan<TW> w, ReadOnlySpan<int> bias, Span<sbyte> y, in Conv2DShape shape, int xZeroPoint, ReadOnlySpan<int> wZeroPoints, in Requantization requantization)
        where TX : unmanaged, IBinaryInteger<TX>
        where TW : unmanaged, IBinaryInteger<TW>
    {
        Check(shape, x.Length, w.Length, bias.Length, y.Length, wZeroPoints.Length);
        for (int index = 0; index < y.Length; index++)
        {
            y[index] = requantization.Apply(Sum(x, w, bias, shape, index, xZeroPoint, wZeroPoints), OutputChannel(shape, index));
        }
    }

    /// <summary>
    /// QLinearConv with a uint8 output: the requantization carries zero point - 128, and each result's sign bit is
    /// flipped (a uint8 result is the int8 one plus 128).
    /// </summary>
    public static void Run<TX, TW>(ReadOnlySpan<TX> x, ReadOnlySpan<TW> w, ReadOnlySpan<int> bias, Span<byte> y, in Conv2DShape shape, int xZeroPoint, ReadOnlySpan<int> wZeroPoints, in Requantization requantization)
        where TX : unmanaged, IBinaryInteger<TX>
        where TW : unmanaged, IBinaryInteger<TW>
    {
        Run(x, w, bias, UnsignedInt8.AsSigned(y), shape, xZeroPoint, wZeroPoints, requantization);
        UnsignedInt8.FlipSignBits(y);
    }

    private static int OutputChannel(in Conv2DShape shape, int index) => index / (shape.OutHeight * shape.OutWidth) % shape.OutChannels;

    /// <summary>The int32 sum of output element <paramref name="index"/> (NCHW order).</summary>
    private static int Sum<TX, TW>(ReadOnlySpan<TX> x, ReadOnlySpan<TW> w, ReadOnlySpan<int> bias, in Conv2DShape shape, int index, int xZeroPoint, ReadOnlySpan<int> wZeroPoints)
        where TX : unmanaged, IBinaryInteger<TX>
        where TW : unmanaged, IBinaryInteger<TW>
    {
        int ox = index % shape.OutWidth, oy = index / shape.OutWidth % shape.OutHeight;
        int o = OutputChannel(shape, index), b = index / (shape.OutHeight * shape.OutWidth * shape.OutChannels);
        int groupIn = shape.InChannels / shape.Groups, groupOut = shape.OutChannels / shape.Groups, firstIn = o / groupOut * groupIn;
        int wZeroPoint = wZeroPoints[wZeroPoints.Length == 1 ? 0 : o];
        int sum = bias.IsEmpty ? 0 : bias[o];
        for (int c = 0; c < groupIn; c++)
        for (int ky = 0; ky < shape.KernelHeight; ky++)
        for (int kx = 0; kx < shape.KernelWidth; kx++)
        {
            int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
            int ix = ox * shape.StrideWidth - shape.PadLeft + kx * shape.DilationWidth;
            if ((uint)iy >= (uint)shape.InHeight || (uint)ix >= (uint)shape.InWidth)
            {
                continue;
            }

            int input = int.CreateTruncating(x[((b * shape.InChannels + firstIn + c) * shape.InHeight + iy) * shape.InWidth + ix]);
            int weight = int.CreateTruncating(w[((o * groupIn + c) * shape.KernelHeight + ky) * shape.KernelWidth + kx]);
            sum += (input - xZeroPoint) * (weight - wZeroPoint);
        }

        return sum;
    }

    private static void Check(in Conv2DShape shape, int xLength, int wLength, int biasLength, int yLength, int wZeroPoints)
    {
        if (shape.Groups <= 0 || xLength != shape.Batch * shape.InChannels * shape.InHeight * shape.InWidth ||
            wLength != shape.OutChannels * (shape.InChannels / shape.Groups) * shape.KernelHeight * shape.KernelWidth ||
            yLength != shape.Batch * shape.OutChannels * shape.OutHeight * shape.OutWidth ||
            !(biasLength == 0 || biasLength == shape.OutChannels) || !(wZeroPoints == 1 || wZeroPoints == shape.OutChannels))
        {
            throw new ArgumentException("The integer convolution's operands do not match its shape.");
        }
    }
}
