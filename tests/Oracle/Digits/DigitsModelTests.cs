using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle.Digits;

/// <summary>
/// The MLP and CNN <c>tools/models/train_digits.py</c> trained on scikit-learn's digits, quantized to int8 by the
/// build with 200 training images as calibration data, on the 450-image test split: the int8 model's accuracy
/// stays within one point of ONNX Runtime's float run of the same file, which itself matches PyTorch's outputs. The
/// MLP's largest logit error is 13% of its logit range (12.5 of 97.9 on the test split).
/// </summary>
public class DigitsModelTests(ITestOutputHelper output)
{
    private const string ClassName = "DigitsNet";
    private const int Features = 64, Classes = 10;

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void Int8_build_keeps_test_accuracy_within_one_point_of_float(string name)
    {
        var inputs = NpyFile.ReadFloats(PathOf("test_inputs.npy"));
        var labels = NpyFile.ReadInt64s(PathOf("test_labels.npy"));
        var pytorch = NpyFile.ReadFloats(PathOf($"test_outputs_{name}.npy"));
        var run = Build(name);
        output.WriteLine(run.GeneratorDiagnostics.Single(d => d.Id == "QM0011").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        using var model = run.Load(ClassName);
        using var reference = new OnnxRuntimeReference(PathOf($"digits_{name}.onnx"));
        var actual = new float[Classes];
        int floatCorrect = 0, int8Correct = 0, agree = 0;
        double worst = 0, worstPytorch = 0, range = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var expected = reference.Run(new[] { inputs.AsSpan(i * Features, Features).ToArray() });
            model.PredictSpan(inputs.AsSpan(i * Features, Features), actual);
            worstPytorch = Math.Max(worstPytorch, expected.Select((e, c) => Math.Abs(e - pytorch[i * Classes + c])).Max());
            worst = Math.Max(worst, expected.Zip(actual, (e, a) => Math.Abs(e - (double)a)).Max());
            range = Math.Max(range, expected.Max() - expected.Min());
            if (ArgMax(expected) == labels[i]) floatCorrect++;
            if (ArgMax(actual) == labels[i]) int8Correct++;
            if (ArgMax(expected) == ArgMax(actual)) agree++;
        }

        output.WriteLine($"digits {name}: float (ORT) {floatCorrect}/{labels.Length}, int8 build {int8Correct}/{labels.Length}, top-1 agreement {agree}/{labels.Length}, max |int8 - ORT| {worst:G3} (logit range {range:G3}), max |ORT - PyTorch| {worstPytorch:G3}");
        Assert.True(worstPytorch < 1e-4, $"ONNX Runtime differs from PyTorch's outputs by {worstPytorch}");
        Assert.True(agree >= labels.Length * 98 / 100, $"top-1 agreement {agree}/{labels.Length}");
        Assert.True(worst <= 0.15 * range, $"max error {worst} of range {range}");
        Assert.True(floatCorrect - int8Correct <= labels.Length / 100, $"int8 {int8Correct} vs float {floatCorrect} of {labels.Length}");
    }

    private static GeneratorRun Build(string name) =>
        GeneratorHarness.Run(
            new Dictionary<string, byte[]>
            {
                ["Models/digits.onnx"] = File.ReadAllBytes(PathOf($"digits_{name}.onnx")),
                ["Models/calibration.npy"] = File.ReadAllBytes(PathOf($"calibration_{name}.npy")),
            },
            $"""
            using QuantizedModels;
            [QuantizedModel("Models/digits.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/calibration.npy", Calibration = CalibrationMethod.MinMax)]
            public partial class {ClassName};
            """);

    private static string PathOf(string file) => OracleModel.PathOf(Path.Combine("digits", file));

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
