using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Float ONNX models quantized to int8 by the build (Scheme = Int8 with calibration data) against ONNX Runtime's
/// float run of the same file: on inputs unseen during calibration, the top-1 class mostly agrees and the
/// outputs stay within a few quantization steps of the float ones.
/// </summary>
public class BuildTimeQuantizationTests(ITestOutputHelper output)
{
    private const string ClassName = "QuantizedNet";

    [Theory]
    [InlineData("mlp.onnx", 784, "MinMax", 0.96, 0.05)]
    [InlineData("mlp.onnx", 784, "Percentile", 0.96, 0.05)]
    [InlineData("mlp.onnx", 784, "Entropy", 0.85, 0.16)]
    [InlineData("mlp.onnx", 784, "Mse", 0.94, 0.06)]
    [InlineData("mlp.onnx", 784, "MinMax, PerTensorWeights = true", 0.95, 0.06)]
    [InlineData("batchnorm_cnn.onnx", 784, "MinMax", 0.96, 0.05)]
    [InlineData("batchnorm_cnn.onnx", 784, "Percentile", 0.96, 0.05)]
    [InlineData("depthwise_separable_cnn.onnx", 3072, "MinMax", 0.9, 0.1)]
    [InlineData("concat_gate_cnn.onnx", 432, "MinMax", 0.9, 0.1)]
    public void Models_quantized_at_build_time_agree_with_onnx_runtime(string file, int features, string method, double minAgreement, double maxRelativeError)
    {
        const int tests = 200;
        using var model = Compile(file, RandomInputs(seed: 1, count: 300, features), 300, features, method);
        using var reference = new OnnxRuntimeReference(OracleModel.PathOf(file));
        var inputs = RandomInputs(seed: 2, count: tests, features);
        var actual = new float[model.OutputLength];
        int agree = 0;
        double worst = 0, range = 0;
        for (var i = 0; i < tests; i++)
        {
            var input = inputs.AsSpan(i * features, features).ToArray();
            var expected = reference.Run(new[] { input });
            model.Predict(input, actual);
            if (ArgMax(expected) == ArgMax(actual)) agree++;
            range = Math.Max(range, expected.Max() - expected.Min());
            worst = Math.Max(worst, expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max());
        }

        output.WriteLine($"{file} {method}: top-1 agreement {agree}/{tests}, max |int8 - ORT| {worst:G3} (output range {range:G3})");
        Assert.True(agree >= minAgreement * tests, $"top-1 agreement {agree}/{tests}");
        Assert.True(worst <= maxRelativeError * range, $"max error {worst} of range {range}");
    }

    /// <summary>int8 weights plus int32 biases and per-channel multipliers: about a quarter of the float bytes.</summary>
    [Fact]
    public void Weights_are_stored_as_int8()
    {
        const int floatBytes = 4 * (784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
        using var model = Compile("mlp.onnx", RandomInputs(seed: 1, count: 20, 784), 20, 784, "MinMax");

        Assert.Equal(784, model.InputLength);
        Assert.InRange(model.WeightBytes, floatBytes / 4, floatBytes * 27 / 100);
    }

    private static CompiledModel Compile(string fileName, float[] calibration, int samples, int features, string method)
    {
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]>
            {
                ["Models/" + fileName] = File.ReadAllBytes(OracleModel.PathOf(fileName)),
                ["Models/calibration.npy"] = NpyWriter.Write(calibration, samples, features),
            },
            $"""
            using QuantizedModels;
            [QuantizedModel("Models/{fileName}", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/calibration.npy", Calibration = CalibrationMethod.{method})]
            public partial class {ClassName};
            """);
        return run.Load(ClassName);
    }

    /// <summary>Seeded standard-normal inputs, like the data the MLP's weights were scaled for.</summary>
    internal static float[] RandomInputs(int seed, int count, int features)
    {
        var random = new Random(seed);
        var values = new float[count * features];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    internal static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
