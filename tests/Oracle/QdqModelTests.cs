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
/// ONNX Runtime's QDQ test models compiled to integer code and compared with ONNX Runtime running the same files.
/// ORT requantizes in float with round-half-to-even, the generated code with TFLite's fixed-point arithmetic, so
/// outputs may sit one quantization step apart.
/// </summary>
public class QdqModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("conv_qdq_s8s8.onnx")]
    [InlineData("conv_qdq_s8s8_perchannel.onnx")]
    [InlineData("conv_qdq_u8u8.onnx")]
    public void Qdq_model_is_within_one_step_of_onnx_runtime(string file)
    {
        var path = Path.Combine(OracleModel.Directory, "qdq", file);
        using var model = Generate(file).Load("QdqNet");
        using var reference = new OnnxRuntimeReference(path);
        var step = model.GetConstant<float>("OutputScale");
        var random = new Random(5);
        var actual = new float[model.OutputLength];
        int total = 0, differing = 0;
        double worst = 0;
        for (var i = 0; i < 20; i++)
        {
            var input = Enumerable.Range(0, model.InputLength).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var expected = reference.Run(new[] { input });
            model.Predict(input, actual);
            for (var j = 0; j < expected.Length; j++)
            {
                var steps = Math.Abs(expected[j] - actual[j]) / step;
                total++;
                if (steps > 0.5) differing++;
                worst = Math.Max(worst, steps);
            }
        }

        output.WriteLine($"{file}: {total} outputs, {differing} not equal to ORT's, largest difference {worst:0.##} steps of {step}");
        Assert.True(worst <= 1.01, $"largest difference {worst} steps");
        // ORT's own optimised and unoptimised runs of a QDQ model differ on up to 0.22 % of elements.
        Assert.True(differing <= total / 400, $"{differing} of {total} outputs differ");
    }

    /// <summary>
    /// With <c>Rounding = QuantizedRounding.OnnxRuntime</c> the generated code requantizes as ONNX Runtime's fused
    /// QLinearConv does (its default optimisation level fuses each QDQ group into it), so every output is equal. The
    /// unoptimised session runs DequantizeLinear, float Conv, QuantizeLinear instead, which rounds differently: the
    /// count of its differences is printed, not asserted.
    /// </summary>
    [Theory]
    [InlineData("conv_qdq_s8s8.onnx")]
    [InlineData("conv_qdq_s8s8_perchannel.onnx")]
    public void Qdq_model_in_onnx_runtime_rounding_equals_onnx_runtime(string file)
    {
        var path = Path.Combine(OracleModel.Directory, "qdq", file);
        using var model = Generate(file, ", Rounding = QuantizedModels.QuantizedRounding.OnnxRuntime").Load("QdqNet");
        using var fused = new OnnxRuntimeReference(path, GraphOptimizationLevel.ORT_ENABLE_ALL);
        using var unfused = new OnnxRuntimeReference(path, GraphOptimizationLevel.ORT_DISABLE_ALL);
        var random = new Random(5);
        var actual = new float[model.OutputLength];
        int total = 0, differing = 0, differingUnfused = 0;
        for (var i = 0; i < 20; i++)
        {
            var input = Enumerable.Range(0, model.InputLength).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var expected = fused.Run(new[] { input });
            var unoptimised = unfused.Run(new[] { input });
            model.Predict(input, actual);
            for (var j = 0; j < expected.Length; j++)
            {
                total++;
                if (expected[j] != actual[j]) differing++;
                if (unoptimised[j] != actual[j]) differingUnfused++;
            }
        }

        output.WriteLine($"{file}: {total} outputs, {differing} differ from ORT (ORT_ENABLE_ALL), {differingUnfused} from ORT with optimisations disabled");
        Assert.Equal(0, differing);
    }

    private static GeneratorRun Generate(string file, string options = "") => GeneratorHarness.Run(
        new Dictionary<string, byte[]> { ["Models/" + file] = File.ReadAllBytes(Path.Combine(OracleModel.Directory, "qdq", file)) },
        $"[QuantizedModels.QuantizedModel(\"Models/{file}\"{options})] public partial class QdqNet;");
}
