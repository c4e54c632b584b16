using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>Element-wise activations. In every method x and y may be the same span (in place).</summary>
public static class Unary
{
    /// <summary>y = max(x, 0); NaN stays NaN.</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <summary>y = min(max(x, min), max) (ONNX/numpy order, so min &gt; max yields max); NaN stays NaN.</summary>
    public static void Clip(ReadOnlySpan<float> x, Span<float> y, float min, float max)
    {
        // Max then Min rather than Clamp: Clamp rejects min > max, which ONNX allows.
        TensorPrimitives.Max(x, min, y);
        TensorPrimitives.Min(y, max, y);
    }

    /// <summary>y = x when x &gt;= 0, else alpha * x.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float alpha) => VectorLoops.Map(x, y, new LeakyReluMap(alpha));

    /// <summary>y = 1 / (1 + exp(-x)).</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);

    /// <summary>y = tanh(x).</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    /// <summary>y = max(0, min(1, alpha * x + beta)); NaN stays NaN.</summary>
    public static void HardSigmoid(ReadOnlySpan<float> x, Span<float> y, float alpha, float beta)
    {
        VectorLoops.Map(x, y, new AffineMap(alpha, beta));
        Clip(y, y, 0f, 1f);
    }

    /// <summary>y = x * max(0, min(1, x / 6 + 0.5)).</summary>
    public static void HardSwish(ReadOnlySpan<float> x, Span<float> y) => VectorLoops.Map(x, y, default(HardSwishMap));

    /// <summary>y = -1, 0 or +1 by the sign of x (zero for both zeros); NaN stays NaN.</summary>
    public static void Sign(ReadOnlySpan<float> x, Span<float> y) => VectorLoops.Map(x, y, default(SignMap));

    /// <summary>y = x (ONNX Identity, Dropout, Reshape when a copy is needed).</summary>
    public static void Copy(ReadOnlySpan<float> x, Span<float> y) => x.CopyTo(y);

    private readonly struct LeakyReluMap(float alpha) : IElementMap
    {
        public float Apply(float x) => x < 0f ? x * alpha : x;

        public Vector<float> Apply(Vector<float> x) =>
            Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), x * alpha, x);
    }

    private readonly struct SignMap : IElementMap
    {
        public float Apply(float x) => x > 0f ? 1f : x < 0f ? -1f : float.IsNaN(x) ? x : 0f;

        public Vector<float> Apply(Vector<float> x) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), Vector<float>.One,
                Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -Vector<float>.One,
                    Vector.ConditionalSelect(Vector.Equals(x, x), Vector<float>.Zero, x)));
    }

    private readonly struct HardSwishMap : IElementMap
    {
        private const float Sixth = 1f / 6f;

        // NaN x gives NaN through the final multiply, whatever Min/Max do with it.
        public float Apply(float x) => x * Math.Clamp(x * Sixth + 0.5f, 0f, 1f);

        public Vector<float> Apply(Vector<float> x) =>
            x * Vector.Min(Vector.Max(x * Sixth + new Vector<float>(0.5f), Vector<float>.Zero), Vector<float>.One);
    }
}
