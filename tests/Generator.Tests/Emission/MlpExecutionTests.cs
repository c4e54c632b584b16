using System;
using System.Linq;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Emission;

public class MlpExecutionTests
{
    [Fact]
    public void Predict_matches_the_math_done_by_hand()
    {
        var input = new[] { 0.3f, -1.2f, 0.8f };
        var run = CleanGeneration.Run(TestSources.ModelClass(), TestModels.Mlp());

        using var model = CompiledModel.Load(run, "Demo.Net");
        var actual = model.Predict(input);

        var expected = Reference(input);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6);
        }
    }

    /// <summary>The MLP in double precision: Gemm (transB) → Relu → Gemm (transB) → Softmax.</summary>
    private static double[] Reference(float[] x)
    {
        var hidden = Dense(x.Select(v => (double)v).ToArray(), TestModels.MlpW1, TestModels.MlpB1).Select(h => Math.Max(0, h)).ToArray();
        var logits = Dense(hidden, TestModels.MlpW2, TestModels.MlpB2);
        var exp = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        return exp.Select(e => e / exp.Sum()).ToArray();
    }

    /// <summary>y = x · Wᵀ + b with W stored row-major as [outputs, inputs].</summary>
    private static double[] Dense(double[] x, float[] weights, float[] bias) =>
        bias.Select((b, o) => b + x.Select((v, i) => v * weights[(o * x.Length) + i]).Sum()).ToArray();
}
