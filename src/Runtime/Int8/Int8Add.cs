using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>TFLite int8 ADD of two equally shaped tensors (the emitter materialises broadcasting).</summary>
public static class Int8Add
{
    /// <summary>y[i] = a[i] + b[i] in the output's quantization.</summary>
    public static void Run(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, Span<sbyte> y, in Int8AddQuantization q)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= y.Length - 16; i += 16)
            {
                (Vector128<int> a0, Vector128<int> a1, Vector128<int> a2, Vector128<int> a3) = Int8Widening.ToInt32(Vector128.Create(a.Slice(i, 16)));
                (Vector128<int> b0, Vector128<int> b1, Vector128<int> b2, Vector128<int> b3) = Int8Widening.ToInt32(Vector128.Create(b.Slice(i, 16)));
                Vector128<short> low = Vector128.Narrow(Sum(a0, b0, q), Sum(a1, b1, q));
                Vector128<short> high = Vector128.Narrow(Sum(a2, b2, q), Sum(a3, b3, q));
                // Every lane is already clamped into [-128, 127], so the truncating narrows are exact.
                Vector128.Narrow(low, high).CopyTo(y.Slice(i, 16));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = Element(a[i], b[i], q);
        }
    }

    /// <summary>The scalar form, element by element.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, Span<sbyte> y, in Int8AddQuantization q)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Element(a[i], b[i], q);
        }
    }

    /// <summary>TFLite's AddFunc for one element.</summary>
    private static sbyte Element(int a, int b, in Int8AddQuantization q)
    {
        int scaledA = Rescale((a + q.Input1Offset) * (1 << q.LeftShift), q.Input1Multiplier, q.Input1Shift, q.IsShiftOnly);
        int scaledB = Rescale((b + q.Input2Offset) * (1 << q.LeftShift), q.Input2Multiplier, q.Input2Shift, q.IsShiftOnly);
        int output = Rescale(scaledA + scaledB, q.OutputMultiplier, q.OutputShift, q.IsShiftOnly) + q.OutputOffset;
        return Requantization.ClampToInt8(output, q.ActivationMin, q.ActivationMax);
    }

    private static int Rescale(int x, int multiplier, int shift, bool shiftOnly) =>
        shiftOnly ? FixedPoint.MultiplyByPowerOfTwo(x, shift) : FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift);

    private static Vector128<int> Rescale(Vector128<int> x, int multiplier, int shift, bool shiftOnly) =>
        shiftOnly ? FixedPointVector.MultiplyByPowerOfTwo(x, shift) : FixedPointVector.MultiplyByQuantizedMultiplier(x, multiplier, shift);

    /// <summary><see cref="Element"/> on four lanes, before narrowing.</summary>
    private static Vector128<int> Sum(Vector128<int> a, Vector128<int> b, in Int8AddQuantization q)
    {
        Vector128<int> scaledA = Rescale(Vector128.ShiftLeft(a + Vector128.Create(q.Input1Offset), q.LeftShift), q.Input1Multiplier, q.Input1Shift, q.IsShiftOnly);
        Vector128<int> scaledB = Rescale(Vector128.ShiftLeft(b + Vector128.Create(q.Input2Offset), q.LeftShift), q.Input2Multiplier, q.Input2Shift, q.IsShiftOnly);
        Vector128<int> output = Rescale(scaledA + scaledB, q.OutputMultiplier, q.OutputShift, q.IsShiftOnly) + Vector128.Create(q.OutputOffset);
        return Vector128.Min(Vector128.Max(output, Vector128.Create(q.ActivationMin)), Vector128.Create(q.ActivationMax));
    }
}
