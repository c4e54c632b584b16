using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>Vector loops of the build-time float evaluator, each element rounded as the scalar statement would round it.</summary>
internal static class FloatSpans
{
    /// <summary>y[i] += x[i] * weight: one multiply and one add per element (the JIT never fuses them), so the sum is bit for bit the scalar one.</summary>
    public static void MultiplyAdd(Span<float> y, ReadOnlySpan<float> x, float weight)
    {
        var done = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<float>.Count)
        {
            var yVectors = MemoryMarshal.Cast<float, Vector<float>>(y);
            var xVectors = MemoryMarshal.Cast<float, Vector<float>>(x.Slice(0, y.Length));
            var weights = new Vector<float>(weight);
            for (var v = 0; v < yVectors.Length; v++) yVectors[v] += xVectors[v] * weights;
            done = yVectors.Length * Vector<float>.Count;
        }

        for (var i = done; i < y.Length; i++) y[i] += x[i] * weight;
    }

    /// <summary>y[i] += x[i] * weights[i], rounded as <see cref="MultiplyAdd(Span{float}, ReadOnlySpan{float}, float)"/> is.</summary>
    public static void MultiplyAdd(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> weights)
    {
        var done = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<float>.Count)
        {
            var yVectors = MemoryMarshal.Cast<float, Vector<float>>(y);
            var xVectors = MemoryMarshal.Cast<float, Vector<float>>(x.Slice(0, y.Length));
            var weightVectors = MemoryMarshal.Cast<float, Vector<float>>(weights.Slice(0, y.Length));
            for (var v = 0; v < yVectors.Length; v++) yVectors[v] += xVectors[v] * weightVectors[v];
            done = yVectors.Length * Vector<float>.Count;
        }

        for (var i = done; i < y.Length; i++) y[i] += x[i] * weights[i];
    }
}
