using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 MUL of two equally shaped tensors (reference_integer_ops::Mul; the emitter materialises
/// broadcasting). The output multiplier and shift are <see cref="Int8ScaleParameters.Product"/> of the scales.
/// </summary>
public static class Int8Mul
{
    /// <summary>
    /// y[i] = clamp(MultiplyByQuantizedMultiplier((a[i] + input1Offset) * (b[i] + input2Offset), m, s) + outputOffset);
    /// offsets are minus the input zero points, min/max the quantized activation range.
    /// </summary>
    public static void Run(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, Span<sbyte> y, int input1Offset, int input2Offset, int outputOffset,
                           int outputMultiplier, int outputShift, int activationMin, int activationMax)
    {
        var q = new Parameters(input1Offset, input2Offset, outputOffset, outputMultiplier, outputShift, activationMin, activationMax);
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= y.Length - 16; i += 16)
            {
                (Vector128<int> a0, Vector128<int> a1, Vector128<int> a2, Vector128<int> a3) = Int8Widening.ToInt32(Vector128.Create(a.Slice(i, 16)));
                (Vector128<int> b0, Vector128<int> b1, Vector128<int> b2, Vector128<int> b3) = Int8Widening.ToInt32(Vector128.Create(b.Slice(i, 16)));
                Vector128<short> low = Vector128.Narrow(Product(a0, b0, q), Product(a1, b1, q));
                Vector128<short> high = Vector128.Narrow(Product(a2, b2, q), Product(a3, b3, q));
                // Every lane is already clamped into [-128, 127], so the truncating narrows are exact.
                Vector128.Narrow(low, high).CopyTo(y.Slice(i, 16));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = Element(a[i], b[i], q);
        }
    }

    /// <summary>TFLite's MulElementwise.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, Span<sbyte> y, int input1Offset, int input2Offset, int outputOffset,
                                   int outputMultiplier, int outputShift, int activationMin, int activationMax)
    {
        var q = new Parameters(input1Offset, input2Offset, outputOffset, outputMultiplier, outputShift, activationMin, activationMax);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Element(a[i], b[i], q);
        }
    }

    private static sbyte Element(int a, int b, in Parameters q) =>
        Requantization.ClampToInt8(
            FixedPoint.MultiplyByQuantizedMultiplier((a + q.Input1Offset) * (b + q.Input2Offset), q.OutputMultiplier, q.OutputShift) + q.OutputOffset,
            q.ActivationMin, q.ActivationMax);

    /// <summary><see cref="Element"/> on four lanes, before narrowing.</summary>
    private static Vector128<int> Product(Vector128<int> a, Vector128<int> b, in Parameters q)
    {
        // |a + offset| <= 255, so the 32-bit lane products are exact.
        Vector128<int> product = (a + Vector128.Create(q.Input1Offset)) * (b + Vector128.Create(q.Input2Offset));
        Vector128<int> output = FixedPointVector.MultiplyByQuantizedMultiplier(product, q.OutputMultiplier, q.OutputShift) + Vector128.Create(q.OutputOffset);
        return Vector128.Min(Vector128.Max(output, Vector128.Create(q.ActivationMin)), Vector128.Create(q.ActivationMax));
    }

    private readonly record struct Parameters(int Input1Offset, int Input2Offset, int OutputOffset, int OutputMultiplier, int OutputShift,
                                              int ActivationMin, int ActivationMax);
}
