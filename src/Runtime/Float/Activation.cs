using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>The element-wise activation a kernel fuses into its output.</summary>
public enum ActivationKind
{
    /// <summary>Identity.</summary>
    None,
    /// <summary>max(x, 0); NaN stays NaN.</summary>
    Relu,
    /// <summary>min(max(x, Min), Max); NaN stays NaN.</summary>
    Clip,
    /// <summary>x when x &gt;= 0, else Alpha * x.</summary>
    LeakyRelu,
}

/// <summary>An activation fused into a kernel, applied to each output element as it is written.</summary>
public readonly struct Activation
{
    private Activation(ActivationKind kind, float min, float max, float alpha)
    {
        Kind = kind;
        Min = min;
        Max = max;
        Alpha = alpha;
    }

    /// <summary>No activation.</summary>
    public static Activation None => default;

    /// <summary>Rectified linear unit.</summary>
    public static Activation Relu => new(ActivationKind.Relu, 0f, 0f, 0f);

    /// <summary>Clamp to [<paramref name="min"/>, <paramref name="max"/>] as min(max(x, min), max).</summary>
    public static Activation Clip(float min, float max) => new(ActivationKind.Clip, min, max, 0f);

    /// <summary>Leaky rectified linear unit with the given negative slope.</summary>
    public static Activation LeakyRelu(float alpha) => new(ActivationKind.LeakyRelu, 0f, 0f, alpha);

    /// <summary>Which activation this is.</summary>
    public ActivationKind Kind { get; }

    /// <summary>Lower bound of <see cref="ActivationKind.Clip"/>.</summary>
    public float Min { get; }

    /// <summary>Upper bound of <see cref="ActivationKind.Clip"/>.</summary>
    public float Max { get; }

    /// <summary>Negative slope of <see cref="ActivationKind.LeakyRelu"/>.</summary>
    public float Alpha { get; }

    /// <summary>Applies the activation to one value.</summary>
    public float Apply(float x) => Kind switch
    {
        // MathF.Max/Min propagate NaN, as ONNX Relu and Clip do.
        ActivationKind.Relu => MathF.Max(x, 0f),
        ActivationKind.Clip => MathF.Min(MathF.Max(x, Min), Max),
        ActivationKind.LeakyRelu => x < 0f ? x * Alpha : x,
        _ => x,
    };

    /// <summary>Applies the activation to every element of <paramref name="y"/>, vectorised.</summary>
    internal void ApplyInPlace(Span<float> y)
    {
        switch (Kind)
        {
            case ActivationKind.Relu:
                // TensorPrimitives.Max propagates NaN (MaxNumber would not).
                TensorPrimitives.Max(y, 0f, y);
                break;
            case ActivationKind.Clip:
                Unary.Clip(y, y, Min, Max);
                break;
            case ActivationKind.LeakyRelu:
                Unary.LeakyRelu(y, y, Alpha);
                break;
        }
    }
}
