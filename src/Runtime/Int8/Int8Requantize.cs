using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite QUANTIZE from int8 to int8 with another scale or zero point (reference_ops::Requantize). The multiplier and
/// shift are <see cref="Int8ScaleParameters.Ratio"/> of the input and output scales.
/// </summary>
public static class Int8Requantize
{
    /// <summary>y[i] = clamp(MultiplyByQuantizedMultiplier(x[i] - inputZeroPoint, multiplier, shift) + outputZeroPoint).</summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= y.Length - 16; i += 16)
            {
                (Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d) = Int8Widening.ToInt32(Vector128.Create(x.Slice(i, 16)));
                Vector128<short> low = Vector128.Narrow(Lanes(a, multiplier, shift, inputZeroPoint, outputZeroPoint),
                                                        Lanes(b, multiplier, shift, inputZeroPoint, outputZeroPoint));
                Vector128<short> high = Vector128.Narrow(Lanes(c, multiplier, shift, inputZeroPoint, outputZeroPoint),
                                                         Lanes(d, multiplier, shift, inputZeroPoint, outputZeroPoint));
                // Every lane is already clamped into [-128, 127], so the truncating narrows are exact.
                Vector128.Narrow(low, high).CopyTo(y.Slice(i, 16));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = Element(x[i], multiplier, shift, inputZeroPoint, outputZeroPoint);
        }
    }

    /// <summary>The scalar form, element by element.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, Span<sbyte> y, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Element(x[i], multiplier, shift, inputZeroPoint, outputZeroPoint);
        }
    }

    private static sbyte Element(int x, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint) =>
        Requantization.ClampToInt8(FixedPoint.MultiplyByQuantizedMultiplier(x - inputZeroPoint, multiplier, shift) + outputZeroPoint,
                                   sbyte.MinValue, sbyte.MaxValue);

    /// <summary><see cref="Element"/> on four lanes, before narrowing.</summary>
    private static Vector128<int> Lanes(Vector128<int> x, int multiplier, int shift, int inputZeroPoint, int outputZeroPoint)
    {
        Vector128<int> output = FixedPointVector.MultiplyByQuantizedMultiplier(x - Vector128.Create(inputZeroPoint), multiplier, shift)
                                + Vector128.Create(outputZeroPoint);
        return Vector128.Min(Vector128.Max(output, Vector128.Create((int)sbyte.MinValue)), Vector128.Create((int)sbyte.MaxValue));
    }
}
