using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite QUANTIZE from int8 to int8 with another scale or zero point (reference_ops::Requantize), and with an
/// activation range RELU, RELU6 and RELU_N1_TO_1 (QuantizedReluX). The multiplier and shift are the ratio of the
/// input and output scales (<see cref="Int8ScaleParameters.Ratio"/> for QUANTIZE).
/// </summary>
public static class Int8Requantize
{
    /// <summary>
    /// y[i] = clamp(MultiplyByQuantizedMultiplier(x[i] - inputZeroPoint, multiplier, shift) + outputZeroPoint) into
    /// [activationMin, activationMax], a sub-range of int8.
    /// </summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint,
                           int activationMin = sbyte.MinValue, int activationMax = sbyte.MaxValue)
    {
        var range = new Range(activationMin, activationMax);
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= y.Length - 16; i += 16)
            {
                (Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d) = Int8Widening.ToInt32(Vector128.Create(x.Slice(i, 16)));
                Vector128<short> low = Vector128.Narrow(Lanes(a, multiplier, shift, inputZeroPoint, outputZeroPoint, range),
                                                        Lanes(b, multiplier, shift, inputZeroPoint, outputZeroPoint, range));
                Vector128<short> high = Vector128.Narrow(Lanes(c, multiplier, shift, inputZeroPoint, outputZeroPoint, range),
                                                         Lanes(d, multiplier, shift, inputZeroPoint, outputZeroPoint, range));
                // Every lane is already clamped into a sub-range of [-128, 127], so the truncating narrows are exact.
                Vector128.Narrow(low, high).CopyTo(y.Slice(i, 16));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = Element(x[i], multiplier, shift, inputZeroPoint, outputZeroPoint, range);
        }
    }

    /// <summary>The scalar form, element by element.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, Span<sbyte> y, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint,
                                   int activationMin = sbyte.MinValue, int activationMax = sbyte.MaxValue)
    {
        var range = new Range(activationMin, activationMax);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Element(x[i], multiplier, shift, inputZeroPoint, outputZeroPoint, range);
        }
    }

    private static sbyte Element(int x, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint, Range range) =>
        Requantization.ClampToInt8(FixedPoint.MultiplyByQuantizedMultiplier(x - inputZeroPoint, multiplier, shift) + outputZeroPoint, range.Min, range.Max);

    /// <summary><see cref="Element"/> on four lanes, before narrowing.</summary>
    private static Vector128<int> Lanes(Vector128<int> x, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint, Range range)
    {
        Vector128<int> output = FixedPointVector.MultiplyByQuantizedMultiplier(x - Vector128.Create(inputZeroPoint), multiplier, shift)
                                + Vector128.Create(outputZeroPoint);
        return Vector128.Min(Vector128.Max(output, Vector128.Create(range.Min)), Vector128.Create(range.Max));
    }

    /// <summary>The clamp bounds, kept within int8 so the narrowing stays exact.</summary>
    private readonly struct Range(int min, int max)
    {
        public int Min { get; } = Math.Max(min, sbyte.MinValue);

        public int Max { get; } = Math.Min(max, sbyte.MaxValue);
    }
}
