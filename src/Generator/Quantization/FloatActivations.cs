using System;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization;

/// <summary>Scalar float activations for the build-time evaluator, matching the runtime's float kernels.</summary>
internal static class FloatActivations
{
    public static float Apply(FusedActivation? activation, float x) => activation switch
    {
        null => x,
        { Kind: ActivationKind.Relu } => Math.Max(x, 0f),
        { Kind: ActivationKind.LeakyRelu } a => x < 0 ? a.Alpha * x : x,
        var a => Math.Min(Math.Max(x, a.Min), a.Max),
    };

    public static float Sigmoid(float x) => (float)(1 / (1 + Math.Exp(-x)));

    public static float Tanh(float x) => (float)Math.Tanh(x);
}
