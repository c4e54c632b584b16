using System;
using QuantizedModels.Generator.Tests.Emission;
using QuantizedModels.Generator.Tests.Support;
using NpyWriter = QuantizedModels.TestSupport.NpyWriter;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>
/// <c>[QuantizedLayer]</c> keeps named nodes of an Int8 model in float32; a name the model lacks, a node fusion
/// removed, another scheme or a model not quantized at build time is QM0013.
/// </summary>
public class LayerSchemeTests
{
    private const string Calibration = "Models/calibration.npy";
    private const string Int8 = $"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\"";

    [Fact]
    public void A_float_node_inside_an_int8_model_compiles_between_dequantize_and_quantize()
    {
        // The MLP's nodes: gemm_1 (with relu_2 fused), gemm_3, softmax_4; the last Gemm computes in float.
        var run = CleanGeneration.Run(TestSources.ModelClass(Int8, otherAttributes: Layer("gemm_3", "Float32")), TestModels.Mlp(), (CalibrationFile(), Calibration));

        Assert.Contains("Int8FullyConnected", run.SingleSource, StringComparison.Ordinal);
        Assert.Contains("Int8Dequantize.Run", run.SingleSource, StringComparison.Ordinal);
        Assert.Contains("Int8Quantize.Run", run.SingleSource, StringComparison.Ordinal);
        Assert.Contains("1 of its nodes in float32", run.BuildReport.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_node_name_is_QM0013()
    {
        var message = Diagnose(Int8, Layer("gemm_9", "Float32"));

        Assert.Contains("no node named 'gemm_9'; its nodes include 'gemm_1', 'relu_2', 'gemm_3', 'softmax_4'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_fused_into_another_is_QM0013()
    {
        var message = Diagnose(Int8, Layer("relu_2", "Float32"));

        Assert.Contains("node 'relu_2' does not remain after folding and fusion", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheme_other_than_float32_per_node_is_QM0013()
    {
        var message = Diagnose(Int8, Layer("gemm_1", "Int8WeightOnly"));

        Assert.Contains("only QuantizationScheme.Float32 can be chosen per node", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_named_twice_is_QM0013()
    {
        var message = Diagnose(Int8, Layer("gemm_1", "Float32") + Layer("gemm_1", "Float32"));

        Assert.Contains("named by two [QuantizedLayer] attributes", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_on_a_model_not_quantized_at_build_time_is_QM0013()
    {
        var message = Diagnose($"\"{TestSources.ModelPath}\"", Layer("gemm_1", "Float32"));

        Assert.Contains("apply to ONNX float models built with Scheme = QuantizationScheme.Int8", message, StringComparison.Ordinal);
    }

    private static string Layer(string node, string scheme) => $"\n[QuantizedLayer(\"{node}\", QuantizationScheme.{scheme})]";

    private static byte[] CalibrationFile() => NpyWriter.Write(new[] { 0f, 1f, -1f, 0.5f, 2f, -2f }, 2, 3);

    private static string Diagnose(string arguments, string layers)
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass(arguments, otherAttributes: layers))
            .WithModel(TestModels.Mlp())
            .WithModel(CalibrationFile(), Calibration);
        return DiagnosticAssert.SingleOnAttribute(harness, "QM0013").GetMessage();
    }
}
