using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Float models quantized at build time with <c>ExportQdq = true</c>: ONNX Runtime runs the exported QDQ model
/// unoptimised (DequantizeLinear, float operator, QuantizeLinear, as the QDQ format defines it) and its outputs are
/// compared with the generated int8 <c>Predict</c> in steps of the output scale. With ONNX Runtime's rounding, and
/// operators whose int8 form is the float one requantized, the outputs are equal.
/// </summary>
public class QdqExportTests(ITestOutputHelper output)
{
    private const string ClassName = "ExportedNet";

    [Theory]
    [InlineData("kws_ref_model_float.onnx", 490, "OnnxRuntime", 0, 0.0)]
    [InlineData("depthwise_separable_cnn.onnx", 3072, "OnnxRuntime", 0, 0.0)]
    [InlineData("mlp.onnx", 784, "OnnxRuntime", 0, 0.0)]
    // Int8 Concat, Mul and Sigmoid compute as TFLite does (requantized inputs, a logistic table), not in float.
    [InlineData("concat_gate_cnn.onnx", 432, "OnnxRuntime", 1, 0.25)]
    // TFLite's fixed-point rounding differs from QuantizeLinear's on some values, and layer by layer the steps add up.
    [InlineData("kws_ref_model_float.onnx", 490, "TfLite", 3, 0.3)]
    public void Exported_qdq_model_in_onnx_runtime_agrees_with_the_int8_code(string file, int features, string rounding, int maxSteps, double maxDifferingShare) =>
        Compare(file, features, rounding, GraphOptimizationLevel.ORT_DISABLE_ALL, maxSteps, maxDifferingShare);

    /// <summary>
    /// ONNX Runtime's default optimisations fuse the export's QDQ groups into its integer kernels (what
    /// <c>QdqExportBenchmarks</c> times); the int8 code built with its rounding gives the same outputs.
    /// </summary>
    [Theory]
    [InlineData("kws_ref_model_float.onnx", 490)]
    [InlineData("depthwise_separable_cnn.onnx", 3072)]
    public void Exported_qdq_model_in_optimised_onnx_runtime_equals_the_int8_code(string file, int features) =>
        Compare(file, features, "OnnxRuntime", GraphOptimizationLevel.ORT_ENABLE_ALL, maxSteps: 0, maxDifferingShare: 0);

    /// <summary>
    /// A node kept in float32 by <c>[QuantizedLayer]</c> is exported as the float node between its neighbours' pairs;
    /// ONNX Runtime's float convolution may sum in another order than ours, so a value may round to the next step.
    /// </summary>
    [Fact]
    public void A_node_kept_in_float_is_exported_in_float() =>
        Compare("batchnorm_cnn.onnx", 784, "OnnxRuntime", GraphOptimizationLevel.ORT_DISABLE_ALL, maxSteps: 1, maxDifferingShare: 0.05, "[QuantizedLayer(\"/features/features.4/Conv\", QuantizationScheme.Float32)]");

    private void Compare(string file, int features, string rounding, GraphOptimizationLevel level, int maxSteps, double maxDifferingShare, string layerAttributes = "")
    {
        const int tests = 20;
        using var model = Compile(file, features, rounding, layerAttributes);
        using var reference = new OnnxRuntimeReference(ExportedModel(model), level);
        var step = model.GetConstant<float>("OutputScale");
        var inputs = BuildTimeQuantizationTests.RandomInputs(seed: 2, count: tests, features);
        var actual = new float[model.OutputLength];
        int total = 0, differing = 0, agree = 0;
        double worst = 0;
        for (var i = 0; i < tests; i++)
        {
            var input = inputs.AsSpan(i * features, features).ToArray();
            var expected = reference.Run(new[] { input });
            model.Predict(input, actual);
            if (BuildTimeQuantizationTests.ArgMax(expected) == BuildTimeQuantizationTests.ArgMax(actual)) agree++;
            for (var j = 0; j < expected.Length; j++)
            {
                var steps = Math.Abs(expected[j] - actual[j]) / step;
                total++;
                if (steps > 0.5) differing++;
                worst = Math.Max(worst, steps);
            }
        }

        output.WriteLine($"{file} ({rounding} rounding, ORT {level}{(layerAttributes.Length > 0 ? ", " + layerAttributes : "")}): top-1 {agree}/{tests}, {differing} of {total} outputs differ from ORT on the exported QDQ model, largest difference {worst:0.##} steps of {step:G3}");
        Assert.Equal(tests, agree);
        Assert.True(worst <= maxSteps + 0.01, $"largest difference {worst} steps");
        Assert.True(differing <= maxDifferingShare * total, $"{differing} of {total} outputs differ");
    }

    /// <summary>The export is a QDQ model: int8 weights behind DequantizeLinear, every activation through a QuantizeLinear.</summary>
    [Fact]
    public void Export_holds_int8_weights_and_quantize_dequantize_pairs()
    {
        using var model = Compile("mlp.onnx", 784, "TfLite", "");
        var bytes = ExportedModel(model);
        using var session = new InferenceSession(bytes);

        Assert.Equal(new[] { 1, 784 }, session.InputMetadata.Single().Value.Dimensions);
        // Three Gemm layers in int8 take about a quarter of the float weights' 4 x 109,386 bytes.
        Assert.InRange(bytes.Length, 109_386, 4 * 109_386 / 3);
    }

    private static byte[] ExportedModel(CompiledModel model)
    {
        using var stream = new MemoryStream();
        model.ModelType.GetMethod("WriteQdqOnnx")!.Invoke(null, new object[] { stream });
        return stream.ToArray();
    }

    private static CompiledModel Compile(string fileName, int features, string rounding, string layerAttributes)
    {
        const int samples = 100;
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]>
            {
                ["Models/" + fileName] = File.ReadAllBytes(OracleModel.PathOf(fileName)),
                ["Models/calibration.npy"] = NpyWriter.Write(BuildTimeQuantizationTests.RandomInputs(seed: 1, count: samples, features), samples, features),
            },
            $"""
            using QuantizedModels;
            [QuantizedModel("Models/{fileName}", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/calibration.npy", Rounding = QuantizedRounding.{rounding}, ExportQdq = true)]
            {layerAttributes}
            public partial class {ClassName};
            """);
        return run.Load(ClassName);
    }
}
