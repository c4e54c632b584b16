using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// ONNX QuantizeLinear and DequantizeLinear on int8 and uint8 tensors, per tensor or per axis, as ONNX Runtime computes
/// them: q = saturate(round_half_even(x / scale) + zero point), x = (q - zero point) * scale. The tensor is
/// [outer][channels][inner] with one scale and zero point per channel (one channel for per-tensor), so a channel's
/// values are runs of <c>inner</c> elements that cycle through the channels.
/// </summary>
public static class QuantizeLinear
{
    /// <summary>float to int8.</summary>
    public static void Run(ReadOnlySpan<float> x, Span<sbyte> y, ReadOnlySpan<float> scales, ReadOnlySpan<int> zeroPoints, int inner)
    {
        Check(x.Length, y.Length, scales, zeroPoints, inner);
        for (int start = 0, c = 0; start < y.Length; start += inner, c = c + 1 == scales.Length ? 0 : c + 1)
        {
            Int8Quantize.RunHalfToEven(x.Slice(start, inner), y.Slice(start, inner), scales[c], zeroPoints[c]);
        }
    }

    /// <summary>
    /// float to uint8. A uint8 q is the int8 q - 128 under zero point - 128, so this quantizes to int8 in place and flips
    /// every sign bit.
    /// </summary>
    public static void Run(ReadOnlySpan<float> x, Span<byte> y, ReadOnlySpan<float> scales, ReadOnlySpan<int> zeroPoints, int inner)
    {
        Check(x.Length, y.Length, scales, zeroPoints, inner);
        Span<sbyte> signed = UnsignedInt8.AsSigned(y);
        for (int start = 0, c = 0; start < y.Length; start += inner, c = c + 1 == scales.Length ? 0 : c + 1)
        {
            Int8Quantize.RunHalfToEven(x.Slice(start, inner), signed.Slice(start, inner), scales[c], zeroPoints[c] - 128);
        }

        UnsignedInt8.FlipSignBits(y);
    }

    /// <summary>int8 to float.</summary>
    public static void Dequantize(ReadOnlySpan<sbyte> x, Span<float> y, ReadOnlySpan<float> scales, ReadOnlySpan<int> zeroPoints, int inner)
    {
        Check(x.Length, y.Length, scales, zeroPoints, inner);
        for (int start = 0, c = 0; start < y.Length; start += inner, c = c + 1 == scales.Length ? 0 : c + 1)
        {
            Int8Dequantize.Run(x.Slice(start, inner), y.Slice(start, inner), scales[c], zeroPoints[c]);
        }
    }

    /// <summary>uint8 to float: (q - zero point) x scale, exact in float like the int8 form.</summary>
    public static void Dequantize(ReadOnlySpan<byte> x, Span<float> y, ReadOnlySpan<float> scales, ReadOnlySpan<int> zeroPoints, int inner)
    {
        Check(x.Length, y.Length, scales, zeroPoints, inner);
        for (int i = 0; i < y.Length; i++)
        {
            int c = i / inner % scales.Length;
            y[i] = (x[i] - zeroPoints[c]) * scales[c];
        }
    }

    private static void Check(int xLength, int yLength, ReadOnlySpan<float> scales, ReadOnlySpan<int> zeroPoints, int inner)
    {
        if (xLength != yLength || scales.Length == 0 || zeroPoints.Length != scales.Length || inner <= 0 || yLength % inner != 0)
        {
            throw new ArgumentException("The QuantizeLinear operands do not match: equal lengths, one zero point per scale, whole runs of inner elements.");
        }
    }
}
