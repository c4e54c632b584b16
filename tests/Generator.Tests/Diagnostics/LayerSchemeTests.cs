using System;
using System.Linq;
using QuantizedModels.Generator.Tests.Emission;
using QuantizedModels.Generator.Tests.Support;
using NpyWriter = QuantizedModels.TestSupport.NpyWriter;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>
/// <c>[QuantizedLayer]</c> keeps named nodes of an Int8, Int4, Ternary or Binary model in float32, and layers of an
/// Int4 model at int8 weights; a name the model lacks, a node fusion removed, another combination or a model not
/// quantized at build time is QM0013.
/// </summary>
public class LayerSchemeTests
{
    private const string Calibration = "Models/calibration.npy";
    private const string Int8 = $"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\"";
    private const string Int4 = $"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int4, CalibrationData = \"{Calibration}\"";
    private const string Ternary = $"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Ternary";

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
    public void An_int8_layer_inside_an_int4_model_keeps_its_weights_a_byte_each()
    {
        var run = CleanGeneration.Run(TestSources.ModelClass(Int4, otherAttributes: Layer("gemm_3", "Int8")), TestModels.Mlp(), (CalibrationFile(), Calibration));

        // gemm_1's weights are unpacked from nibbles; gemm_3's are read as they are stored.
        Assert.Single(run.SingleSource.Split(["Int4Weights.Unpack("], StringSplitOptions.None).Skip(1));
        Assert.Contains("1 of its layers with int8 weights", run.BuildReport.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_float_layer_inside_a_ternary_model_keeps_its_float_weights()
    {
        var run = CleanGeneration.Run(TestSources.ModelClass(Ternary, otherAttributes: Layer("gemm_3", "Float32")), TestModels.Mlp());

        Assert.Single(run.SingleSource.Split(["TernaryGemm.Run("], StringSplitOptions.None).Skip(1));
        Assert.Contains("'gemm_3' kept float32 ([QuantizedLayer])", run.SingleSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Int8_per_node_outside_an_int4_model_is_QM0013()
    {
        Assert.Contains("only QuantizationScheme.Float32 can be chosen per node of an Int8 model", Diagnose(Int8, Layer("gemm_1", "Int8")), StringComparison.Ordinal);
        Assert.Contains("only QuantizationScheme.Float32 can be chosen per node of a Ternary model", Diagnose(Ternary, Layer("gemm_1", "Int8")), StringComparison.Ordinal);
    }

    [Fact]
    public void Int8_on_a_node_without_weights_in_an_int4_model_is_QM0013()
    {
        var message = Diagnose(Int4, Layer("softmax_4", "Int8"));

        Assert.Contains("node 'softmax_4' (Softmax) has no conv or dense weights to keep at int8", message, StringComparison.Ordinal);
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
