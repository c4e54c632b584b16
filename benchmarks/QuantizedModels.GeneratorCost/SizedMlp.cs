using System;
using QuantizedModels.Generator.Tests.Support;

namespace QuantizedModels.GeneratorCost;

/// <summary>
/// A 256 → h → h → 10 ReLU MLP whose hidden width is chosen so the model holds about the requested number of
/// parameters: the size axis of the generator-cost measurements. Weights are seeded, so every run compiles the same bytes.
/// </summary>
public static class SizedMlp
{
    public const int Inputs = 256;
    public const int Outputs = 10;

    /// <summary>The hidden width h solving 256h + h² + 10h + (biases) ≈ parameters.</summary>
    public static int HiddenWidth(int parameters) => (int)Math.Round((-(Inputs + Outputs + 2) + Math.Sqrt(Math.Pow(Inputs + Outputs + 2, 2) + 4.0 * parameters)) / 2);

    public static long ParameterCount(int parameters)
    {
        long h = HiddenWidth(parameters);
        return Inputs * h + h + h * h + h + h * Outputs + Outputs;
    }

    public static byte[] Write(int parameters)
    {
        var h = HiddenWidth(parameters);
        var random = new Random(parameters);
        float[] Uniform(int count, float bound)
        {
            var values = new float[count];
            for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * bound;
            return values;
        }

        return new OnnxModelBuilder("sized_mlp")
            .Input("x", 1, Inputs)
            .Output("y", 1, Outputs)
            .Floats("w1", new long[] { h, Inputs }, Uniform(h * Inputs, 1f / MathF.Sqrt(Inputs)))
            .Floats("b1", new long[] { h }, Uniform(h, 0.1f))
            .Floats("w2", new long[] { h, h }, Uniform(h * h, 1f / MathF.Sqrt(h)))
            .Floats("b2", new long[] { h }, Uniform(h, 0.1f))
            .Floats("w3", new long[] { Outputs, h }, Uniform(Outputs * h, 1f / MathF.Sqrt(h)))
            .Floats("b3", new long[] { Outputs }, Uniform(Outputs, 0.1f))
            .Node("Gemm", new[] { "x", "w1", "b1" }, new[] { "h1" }, OnnxAttribute.Int("transB", 1))
            .Node("Relu", new[] { "h1" }, new[] { "a1" })
            .Node("Gemm", new[] { "a1", "w2", "b2" }, new[] { "h2" }, OnnxAttribute.Int("transB", 1))
            .Node("Relu", new[] { "h2" }, new[] { "a2" })
            .Node("Gemm", new[] { "a2", "w3", "b3" }, new[] { "y" }, OnnxAttribute.Int("transB", 1))
            .ToBytes();
    }
}
