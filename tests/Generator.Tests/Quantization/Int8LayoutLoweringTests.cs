using System;
using System.Linq;
using QuantizedModels.Generator.Tests.Emission;
using QuantizedModels.Generator.Tests.Support;
using NpyWriter = QuantizedModels.TestSupport.NpyWriter;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

/// <summary>
/// Mul, Concat and Pad quantized at build time: a channel concat of a 1x1 conv and a square (quantized differently,
/// so one input is requantized first), padded, computed channels-last and given back NCHW, against the float math.
/// </summary>
public class Int8LayoutLoweringTests
{
    private const string Calibration = "Models/calibration.npy";
    private const int Channels = 2, Side = 3, Features = Channels * Side * Side;

    /// <summary>x[1,2,3,3] → (Conv 1x1 with weights diag(0.5, -0.5) ‖ x·x) on channels → Pad top 1, right 1 → y[1,4,4,4].</summary>
    private static byte[] Model() => new OnnxModelBuilder("concat_mul_pad")
        .Input("x", 1, Channels, Side, Side)
        .Output("y", 1, 2 * Channels, Side + 1, Side + 1)
        .Floats("w", new long[] { 2, 2, 1, 1 }, 0.5f, 0f, 0f, -0.5f)
        .Int64s("pads", new long[] { 8 }, 0, 0, 1, 0, 0, 0, 0, 1)
        .Node("Conv", new[] { "x", "w" }, new[] { "a" })
        .Node("Mul", new[] { "x", "x" }, new[] { "b" })
        .Node("Concat", new[] { "a", "b" }, new[] { "c" }, OnnxAttribute.Int("axis", 1))
        .Node("Pad", new[] { "c", "pads" }, new[] { "y" })
        .ToBytes();

    [Fact]
    public void Concat_of_differently_quantized_inputs_mul_and_pad_match_the_float_math()
    {
        var run = CleanGeneration.Run(
            TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\""),
            Model(),
            (NpyWriter.Write(Uniform(seed: 1, 64 * Features), 64, Features), Calibration));
        var source = run.SingleSource;
        Assert.Contains("Int8Requantize.Run", source, StringComparison.Ordinal);
        Assert.Contains("Int8Mul.Run", source, StringComparison.Ordinal);
        Assert.Contains("Concat.CopyBlock", source, StringComparison.Ordinal);
        Assert.Contains("Int8Pad.Run", source, StringComparison.Ordinal);

        using var model = CompiledModel.Load(run, "Demo.Net");
        var input = Uniform(seed: 2, Features);
        var actual = model.Predict(input);
        var expected = Reference(input);
        Assert.Equal(expected.Length, actual.Length);
        // Output scale about (0.5 + 1) / 255: a few steps of rounding through conv, mul and requantization.
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 0.03, $"y[{i}]: {actual[i]} vs {expected[i]}");
    }

    /// <summary>x[1,2,3,3] · GlobalAveragePool(x)[1,2,1,1] (a squeeze-and-excite style channel scale): MUL broadcasts the pooled channels over every pixel.</summary>
    [Fact]
    public void Mul_broadcasts_a_per_channel_tensor_over_the_image()
    {
        var onnx = new OnnxModelBuilder("channel_scale")
            .Input("x", 1, Channels, Side, Side)
            .Output("y", 1, Channels, Side, Side)
            .Node("GlobalAveragePool", new[] { "x" }, new[] { "s" })
            .Node("Mul", new[] { "x", "s" }, new[] { "y" })
            .ToBytes();
        var run = CleanGeneration.Run(
            TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\""),
            onnx,
            (NpyWriter.Write(Uniform(seed: 1, 64 * Features), 64, Features), Calibration));
        Assert.Contains("Int8Broadcast.Run", run.SingleSource, StringComparison.Ordinal);

        using var model = CompiledModel.Load(run, "Demo.Net");
        var input = Uniform(seed: 3, Features);
        var actual = model.Predict(input);
        for (var i = 0; i < Features; i++)
        {
            var channel = i / (Side * Side);
            var mean = input.Skip(channel * Side * Side).Take(Side * Side).Average();
            Assert.True(Math.Abs(input[i] * mean - actual[i]) < 0.02, $"y[{i}]: {actual[i]} vs {input[i] * mean}");
        }
    }

    private static float[] Reference(float[] x)
    {
        var y = new float[2 * Channels * (Side + 1) * (Side + 1)];
        for (var c = 0; c < 2 * Channels; c++)
        for (var h = 0; h < Side; h++)
        for (var w = 0; w < Side; w++)
        {
            var v = x[((c % Channels) * Side + h) * Side + w];
            y[(c * (Side + 1) + h + 1) * (Side + 1) + w] = c < Channels ? (c == 0 ? 0.5f : -0.5f) * v : v * v;
        }

        return y;
    }

    private static float[] Uniform(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
    }
}
