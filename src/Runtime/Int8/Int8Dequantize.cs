using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>TFLite DEQUANTIZE from int8 to float32 (reference_ops::Dequantize): scale * (q - zeroPoint).</summary>
public static class Int8Dequantize
{
    /// <summary>y[i] = scale * (x[i] - zeroPoint) with the input's float32 scale and zero point.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<float> y, float scale, int zeroPoint)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var s = Vector128.Create(scale);
            var offset = Vector128.Create(zeroPoint);
            for (; i <= y.Length - 16; i += 16)
            {
                (Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d) = Int8Widening.ToInt32(Vector128.Create(x.Slice(i, 16)));
                // Float multiply: see Reference for why it equals TFLite's double product.
                (s * Vector128.ConvertToSingle(a - offset)).CopyTo(y.Slice(i));
                (s * Vector128.ConvertToSingle(b - offset)).CopyTo(y.Slice(i + 4));
                (s * Vector128.ConvertToSingle(c - offset)).CopyTo(y.Slice(i + 8));
                (s * Vector128.ConvertToSingle(d - offset)).CopyTo(y.Slice(i + 12));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = scale * (x[i] - zeroPoint);
        }
    }

    /// <summary>
    /// TFLite's loop: the product in double, then narrowed. It is exact in double (24-bit scale times a 9-bit
    /// integer), so the narrowing equals the correctly rounded float product the fast path computes.
    /// </summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, Span<float> y, float scale, int zeroPoint)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (float)((double)scale * (x[i] - zeroPoint));
        }
    }
}
