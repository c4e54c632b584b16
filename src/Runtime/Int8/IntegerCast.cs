using System;
using System.Numerics;

namespace QuantizedModels.Runtime;

/// <summary>
/// ONNX Cast of an integer tensor (MatMulInteger's or ConvInteger's int32 sums, int8, uint8) to float32: each value
/// rounded to the nearest float, ties to even, as C++'s <c>static_cast&lt;float&gt;</c> in ONNX Runtime. The models
/// using it are small, so this is the scalar loop only.
/// </summary>
public static class IntegerCast
{
    /// <summary>y = (float)x, element by element.</summary>
    public static void ToFloat<T>(ReadOnlySpan<T> x, Span<float> y)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (x.Length != y.Length) ThrowHelper.ThrowLengthMismatch(nameof(y), x.Length, y.Length);
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = float.CreateTruncating(x[i]);
        }
    }
}
