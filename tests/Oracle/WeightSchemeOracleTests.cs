using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Float ONNX models compiled with Float16 or Int8WeightOnly weights against ONNX Runtime's float run of the same
/// file: float16 weights stay next to the float outputs, int8 weights mostly keep the top-1 class.
/// </summary>
public class WeightSchemeOracleTests(ITestOutputHelper output)
{
    private const string ClassName = "WeightSchemeNet";
    private const int Tests = 100;

    [Theory]
    [InlineData("mlp.onnx", 784)]
    [InlineData("batchnorm_cnn.onnx", 784)]
    [InlineData("depthwise_separable_cnn.onnx", 3072)]
    [InlineData("kws_ref_model_float.onnx", 490)]
    public void Weight_schemes_agree_with_onnx_runtime(string file, int features)
    {
        using var float32 = Compile(file, "Float32");
        var (inputs, expected, range) = OnnxRuntimeOutputs(file, features);

        // Float16 rounds each weight by at most 2^-11 relative: float outputs move by a small fraction of their range.
        var (agree, worst, weightBytes) = Measure(file, "Float16", float32, inputs, expected);
        Assert.True(agree == Tests, $"float16 top-1 agreement {agree}/{Tests}");
        Assert.True(worst <= 0.002 * range, $"float16 max error {worst} of range {range}");
        // Half the bytes of the big tensors; biases stay float.
        Assert.InRange(weightBytes, float32.WeightBytes * 0.45, float32.WeightBytes * 0.55);

        (agree, worst, weightBytes) = Measure(file, "Int8WeightOnly", float32, inputs, expected);
        Assert.True(agree >= Tests * 0.95, $"int8 weight-only top-1 agreement {agree}/{Tests}");
        Assert.True(worst <= 0.03 * range, $"int8 weight-only max error {worst} of range {range}");
        // A quarter of the bytes of the big tensors; biases and the per-channel scales stay float.
        Assert.InRange(weightBytes, float32.WeightBytes * 0.2, float32.WeightBytes * 0.35);
    }

    /// <summary>
    /// PerTensorWeights puts each weight tensor on one int8 scale: coarser than per channel (a channel of small
    /// weights keeps fewer levels), so the bound is looser, but top-1 mostly holds and the storage is the same.
    /// </summary>
    [Theory]
    [InlineData("mlp.onnx", 784)]
    [InlineData("kws_ref_model_float.onnx", 490)]
    public void Per_tensor_int8_weights_agree_with_onnx_runtime(string file, int features)
    {
        using var float32 = Compile(file, "Float32");
        var (inputs, expected, range) = OnnxRuntimeOutputs(file, features);

        var (perChannelAgree, perChannelWorst, perChannelBytes) = Measure(file, "Int8WeightOnly", float32, inputs, expected);
        var (agree, worst, weightBytes) = Measure(file, "Int8WeightOnly, PerTensorWeights = true", float32, inputs, expected);

        Assert.True(agree >= Tests * 0.9, $"int8 per-tensor weight-only top-1 agreement {agree}/{Tests} (per channel {perChannelAgree})");
        Assert.True(worst <= 0.05 * range, $"int8 per-tensor weight-only max error {worst} of range {range}");
        Assert.NotEqual(perChannelWorst, worst);
        Assert.Equal(perChannelBytes, weightBytes);
    }

    private (int Agree, double Worst, int WeightBytes) Measure(string file, string scheme, CompiledModel float32, List<float[]> inputs, List<float[]> expected)
    {
        using var model = Compile(file, scheme);
        var actual = new float[model.OutputLength];
        int agree = 0;
        double worst = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            model.Predict(inputs[i], actual);
            if (BuildTimeQuantizationTests.ArgMax(expected[i]) == BuildTimeQuantizationTests.ArgMax(actual)) agree++;
            worst = Math.Max(worst, expected[i].Zip(actual, (e, a) => Math.Abs(e - a)).Max());
        }

        output.WriteLine($"{file} {scheme}: top-1 agreement {agree}/{inputs.Count}, max |{scheme} - ORT| {worst:G3} (output range {expected.Max(e => e.Max() - e.Min()):G3}); WeightBytes {model.WeightBytes} (float32 {float32.WeightBytes}), ArenaBytes {model.ArenaBytes} (float32 {float32.ArenaBytes})");
        return (agree, worst, model.WeightBytes);
    }

    /// <summary>The shared random inputs, ONNX Runtime's float outputs for them, and the widest span of one output vector.</summary>
    private static (List<float[]> Inputs, List<float[]> Expected, float Range) OnnxRuntimeOutputs(string file, int features)
    {
        using var reference = new OnnxRuntimeReference(OracleModel.PathOf(file));
        var all = BuildTimeQuantizationTests.RandomInputs(seed: 3, Tests, features);
        var inputs = Enumerable.Range(0, Tests).Select(i => all.AsSpan(i * features, features).ToArray()).ToList();
        var expected = inputs.Select(input => reference.Run(new[] { input })).ToList();
        return (inputs, expected, expected.Max(e => e.Max() - e.Min()));
    }

    private static CompiledModel Compile(string fileName, string scheme)
    {
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]> { ["Models/" + fileName] = File.ReadAllBytes(OracleModel.PathOf(fileName)) },
            $"""
            using QuantizedModels;
            [QuantizedModel("Models/{fileName}", Scheme = QuantizationScheme.{scheme})]
            public partial class {ClassName};
            """);
        return run.Load(ClassName);
    }
}
