using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class UnaryTests
{
    public delegate void Kernel(ReadOnlySpan<float> x, Span<float> y);

    public static TheoryData<string> Ops => new() { "Relu", "Clip", "ClipInverted", "LeakyRelu", "Sigmoid", "Tanh", "Sign", "HardSigmoid", "HardSwish", "Copy" };

    [Theory]
    [MemberData(nameof(Ops))]
    public void MatchesOracleOnEveryLengthWithSpecialValues(string name)
    {
        (Kernel kernel, Func<double, double> oracle) = Resolve(name);
        var data = new TestData(61);
        for (int length = 1; length <= 67; length++)
        {
            float[] x = data.Floats(length, 8f);
            Sprinkle(data, x);
            var expected = Array.ConvertAll(x, v => oracle(v));

            float[] y = TestData.Poisoned(length);
            kernel(x, y);
            Accuracy.AssertClose(expected, y, $"{name} length {length}");

            kernel(x, x);
            Accuracy.AssertClose(expected, x, $"{name} in place, length {length}");
        }
    }

    [Fact]
    public void NaNPropagatesThroughEveryOp()
    {
        foreach (string name in new[] { "Relu", "Clip", "ClipInverted", "LeakyRelu", "Sigmoid", "Tanh", "Sign", "HardSigmoid", "HardSwish", "Copy" })
        {
            Kernel kernel = Resolve(name).Kernel;
            // Long enough for the vector loop and a scalar tail.
            float[] x = new float[19];
            x.AsSpan().Fill(float.NaN);
            float[] y = new float[19];
            kernel(x, y);
            Assert.All(y, v => Assert.True(float.IsNaN(v), $"{name} turned NaN into {v}"));
        }
    }

    private static void Sprinkle(TestData data, float[] x)
    {
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1e-30f, -1e-30f, 88f, -88f, 1e30f, -1e30f, 3f, -3f];
        for (int i = 0; i < x.Length; i += data.Next(1, 5))
        {
            x[i] = specials[data.Next(0, specials.Length - 1)];
        }
    }

    private static (Kernel Kernel, Func<double, double> Oracle) Resolve(string name) => name switch
    {
        "Relu" => (Unary.Relu, v => double.IsNaN(v) ? v : Math.Max(v, 0)),
        "Clip" => ((x, y) => Unary.Clip(x, y, -0.5f, 6f), v => double.IsNaN(v) ? v : Math.Min(Math.Max(v, -0.5), 6)),
        // ONNX Clip with min > max: numpy order gives max everywhere.
        "ClipInverted" => ((x, y) => Unary.Clip(x, y, 2f, 1f), v => double.IsNaN(v) ? v : 1),
        "LeakyRelu" => ((x, y) => Unary.LeakyRelu(x, y, 0.01f), v => v < 0 ? v * 0.01f : v),
        "Sigmoid" => (Unary.Sigmoid, v => 1 / (1 + Math.Exp(-v))),
        "Tanh" => (Unary.Tanh, Math.Tanh),
        "Sign" => (Unary.Sign, v => double.IsNaN(v) ? v : Math.Sign(v)),
        "HardSigmoid" => ((x, y) => Unary.HardSigmoid(x, y, 0.2f, 0.5f), v => double.IsNaN(v) ? v : Math.Max(0, Math.Min(1, 0.2f * v + 0.5f))),
        "HardSwish" => (Unary.HardSwish, v => v * (double.IsNaN(v) ? v : Math.Max(0, Math.Min(1, v / 6 + 0.5)))),
        _ => (Unary.Copy, v => v),
    };
}
