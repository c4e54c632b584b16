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
/// ONNX Runtime's own QDQ and integer test models (onnxruntime/test/testdata): each either compiles and, with
/// <c>Rounding = QuantizedRounding.OnnxRuntime</c>, equals ONNX Runtime on random inputs ("exact"), or is refused
/// with the diagnostic that names what is not compiled. "float": the model's output comes from a float operator
/// (DequantizeLinear then float Conv, no QuantizeLinear after), which ONNX Runtime runs in float too; float sums in
/// another order round differently, so those outputs are compared within float rounding and the count printed.
/// </summary>
public class OrtTestModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("qdq/constant_folding_dequantizelinear.onnx", "float")]
    [InlineData("qdq/conv_qdq_external_ini.onnx", "exact")]
    [InlineData("qdq/conv_qdq_u8u8.onnx", "exact")]
    [InlineData("qdq/conv_qdq_wide_levels.onnx", "exact")]
    [InlineData("qdq/layout_transform_const_folding.qdq.onnx", "exact")]
    [InlineData("qdq/layout_transform_reshape.qdq.onnx", "QM0009")]
    [InlineData("qdq/qdq_conv.onnx", "exact")]
    [InlineData("qdq/qdq_convs.onnx", "exact")]
    [InlineData("qdq/qdq_float_islands.onnx", "exact")]
    [InlineData("qdq/qdq_with_multi_consumer_dq_nodes.onnx", "exact")]
    [InlineData("qdq/qdq_with_multi_consumer_q_dq_axis.onnx", "QM0009")]
    [InlineData("qdq/test_conv_follow_convtrans_s8.onnx", "QM0003")]
    [InlineData("ort-integer/dynamic_quantize_matmul_int8.onnx", "exact", IntegerModelDimensions)]
    [InlineData("ort-integer/dynamic_quantize_matmul_int8_bias.onnx", "exact", IntegerModelDimensions)]
    [InlineData("ort-integer/dynamic_quantize_matmul_uint8.onnx", "exact", IntegerModelDimensions)]
    [InlineData("ort-integer/dynamic_quantize_matmul_uint8_bias.onnx", "exact", IntegerModelDimensions)]
    [InlineData("ort-integer/matmul_integer_to_float_int8.onnx", "exact", IntegerModelDimensions)]
    [InlineData("ort-integer/matmul_integer_to_float_int8_bias.onnx", "exact", IntegerModelDimensions)]
    [InlineData("ort-integer/matmul_integer_to_float_int8_int8.onnx", "exact", IntegerModelDimensions)]
    [InlineData("ort-integer/matmul_integer_to_float_uint8.onnx", "exact", IntegerModelDimensions)]
    public void Model_equals_onnx_runtime_or_is_refused_with_a_diagnostic(string file, string outcome, string freeDimensions = "")
    {
        var run = Generate(file, freeDimensions);
        var problem = run.FirstGeneratorError;
        output.WriteLine($"{file}: {(problem is null ? "compiled" : problem.Id + " " + problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture))}");
        if (problem is not null)
        {
            Assert.Equal(outcome, problem.Id);
            return;
        }

        using var model = run.Load("OrtModel");
        var sizes = freeDimensions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('=')).ToDictionary(e => e[0].Trim(), e => int.Parse(e[1], System.Globalization.CultureInfo.InvariantCulture));
        using var reference = new OnnxRuntimeReference(OracleModel.PathOf(file), GraphOptimizationLevel.ORT_ENABLE_ALL, sizes);
        var random = new Random(9);
        var outputs = new float[model.OutputCount][];
        int total = 0, differing = 0;
        double worst = 0;
        string? beyondFloatRounding = null;
        for (var i = 0; i < 10; i++)
        {
            var inputs = Enumerable.Range(0, model.InputCount)
                .Select(k => Enumerable.Range(0, reference.InputLength(k))
                    .Select(_ => reference.IsByteInput(k) ? random.Next(0, 256) : reference.IsSignedByteInput(k) ? random.Next(-128, 128) : (float)(random.NextDouble() * 4 - 2)).ToArray())
                .ToArray();
            var expected = reference.Run(inputs);
            for (var k = 0; k < outputs.Length; k++) outputs[k] = new float[reference.OutputLength(k)];
            model.Predict(inputs, outputs);
            var actual = outputs.SelectMany(o => o).ToArray();
            beyondFloatRounding ??= FloatRounding.Compare(expected, actual);
            total += expected.Length;
            differing += expected.Where((e, j) => e != actual[j]).Count();
            worst = Math.Max(worst, expected.Select((e, j) => (double)Math.Abs(e - actual[j])).Max());
        }

        output.WriteLine($"{file}: {total} outputs, {differing} differ from ONNX Runtime, largest difference {worst}");
        if (outcome == "float")
        {
            Assert.Null(beyondFloatRounding);
            return;
        }

        Assert.Equal("exact", outcome);
        Assert.Equal(0, differing);
    }

    /// <summary>Float sums of the same products in another order: a few float steps apart.</summary>
    private static readonly FloatTolerance FloatRounding = new(1e-6, 1e-5);

    /// <summary>ONNX Runtime's integer test models declare A [M, K], B [K, N], b's scales and zero points [C], bias [N].</summary>
    private const string IntegerModelDimensions = "M=4, K=8, N=5, C=5";

    private static GeneratorRun Generate(string file, string freeDimensions)
    {
        var folder = Path.GetDirectoryName(OracleModel.PathOf(file))!;
        var files = Directory.GetFiles(folder).Where(f => f.EndsWith(".onnx", StringComparison.Ordinal) ? Path.GetFileName(f) == Path.GetFileName(file) : f.EndsWith(".bin", StringComparison.Ordinal))
            .ToDictionary(f => "Models/" + Path.GetFileName(f), File.ReadAllBytes);
        return GeneratorHarness.Run(files, $"[QuantizedModels.QuantizedModel(\"Models/{Path.GetFileName(file)}\", Rounding = QuantizedModels.QuantizedRounding.OnnxRuntime{(freeDimensions.Length > 0 ? $", FreeDimensions = \"{freeDimensions}\"" : "")})] public partial class OrtModel;");
    }
}
