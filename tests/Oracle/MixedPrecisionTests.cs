using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Int8 models with chosen nodes kept in float32 by <c>[QuantizedLayer]</c>, against ONNX Runtime's float run on 200
/// unseen inputs: keeping the sensitive layers in float brings the int8 model closer to float, and keeping every
/// node in float gives the float model.
/// </summary>
public class MixedPrecisionTests(ITestOutputHelper output)
{
    private const string ClassName = "MixedNet";
    private const int Tests = 200;

    /// <summary>Entropy calibration clips the MLP's hidden layers hardest; the Gemms reading them in float recover.</summary>
    [Fact]
    public void Mlp_with_the_clipped_layers_in_float_agrees_better_with_float()
    {
        var int8 = Measure("mlp.onnx", 784, "Entropy");
        var mixed = Measure("mlp.onnx", 784, "Entropy", "/layers/layers.2/Gemm", "/layers/layers.4/Gemm");

        Assert.True(mixed.Agree > int8.Agree, $"agreement {mixed.Agree} vs {int8.Agree}");
        Assert.True(mixed.Worst < int8.Worst, $"max error {mixed.Worst} vs {int8.Worst}");
    }

    /// <summary>A float convolution inside the channels-last integer graph: relaid to NCHW, dequantized, computed, quantized, relaid back.</summary>
    [Fact]
    public void Cnn_with_a_float_convolution_and_classifier_stays_close_to_float()
    {
        var int8 = Measure("batchnorm_cnn.onnx", 784, "MinMax");
        var mixed = Measure("batchnorm_cnn.onnx", 784, "MinMax", "/features/features.4/Conv", "/Flatten", "/classifier/Gemm");

        Assert.True(mixed.Agree >= int8.Agree, $"agreement {mixed.Agree} vs {int8.Agree}");
        Assert.True(mixed.Worst < int8.Worst, $"max error {mixed.Worst} vs {int8.Worst}");
    }

    [Fact]
    public void Every_node_in_float_is_the_float_model()
    {
        var all = new[] { "/features/features.0/Conv", "/features/features.3/MaxPool", "/features/features.4/Conv", "/features/features.7/MaxPool", "/Flatten", "/classifier/Gemm" };
        var mixed = Measure("batchnorm_cnn.onnx", 784, "MinMax", all);

        Assert.Equal(Tests, mixed.Agree);
        Assert.True(mixed.Worst <= 1e-4 * mixed.Range, $"max error {mixed.Worst} of range {mixed.Range}");
    }

    private (int Agree, double Worst, double Range) Measure(string file, int features, string method, params string[] floatNodes)
    {
        var layers = string.Concat(floatNodes.Select(n => $"[QuantizedLayer(\"{n}\", QuantizationScheme.Float32)]\n"));
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]>
            {
                ["Models/" + file] = File.ReadAllBytes(OracleModel.PathOf(file)),
                ["Models/calibration.npy"] = NpyWriter.Write(BuildTimeQuantizationTests.RandomInputs(seed: 1, 300, features), 300, features),
            },
            $"""
            using QuantizedModels;
            [QuantizedModel("Models/{file}", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/calibration.npy", Calibration = CalibrationMethod.{method})]
            {layers}public partial class {ClassName};
            """);
        using var model = run.Load(ClassName);
        using var reference = new OnnxRuntimeReference(OracleModel.PathOf(file));
        var inputs = BuildTimeQuantizationTests.RandomInputs(seed: 2, Tests, features);
        var actual = new float[model.OutputLength];
        int agree = 0;
        double worst = 0, range = 0;
        for (var i = 0; i < Tests; i++)
        {
            var input = inputs.AsSpan(i * features, features).ToArray();
            var expected = reference.Run(new[] { input });
            model.Predict(input, actual);
            if (Array.IndexOf(expected, expected.Max()) == Array.IndexOf(actual, actual.Max())) agree++;
            range = Math.Max(range, expected.Max() - expected.Min());
            worst = Math.Max(worst, expected.Zip(actual, (e, a) => Math.Abs(e - (double)a)).Max());
        }

        output.WriteLine($"{file} {method}, float nodes [{string.Join(", ", floatNodes)}]: top-1 agreement {agree}/{Tests}, max |y - ORT| {worst:G3} (output range {range:G3})");
        return (agree, worst, range);
    }
}
