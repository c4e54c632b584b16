using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle.LowBit;

/// <summary>
/// The below-eight-bit digit MLPs trained by tools/models/train_lowbit_digits.py, compiled by the real generator and run
/// on the 450-image test split: PyTorch's outputs on the same weights within float rounding, and its accuracy exactly.
/// </summary>
public class LowBitDigitsTests(ITestOutputHelper output)
{
    internal const string ClassName = "DigitsNet";

    /// <summary>Float sums in another order than PyTorch's: a few units in the last place of the logits.</summary>
    private static readonly FloatTolerance PyTorchTolerance = new(1e-4, 1e-4);

    [Theory]
    [InlineData("ternary_mlp", "QuantizationScheme.Ternary", "TernaryGemm.Run", "ternary_mlp")]
    [InlineData("ternary_cnn", "QuantizationScheme.Ternary", "TernaryConv2D.Run", "ternary_cnn")]
    [InlineData("ternary_cnn", "QuantizationScheme.Float32", "Conv2D.Run", "ternary_cnn")]
    [InlineData("pruned_cnn", "QuantizationScheme.Float32", "Conv2D.Run", "pruned_cnn")]
    [InlineData("pruned_mlp", "QuantizationScheme.Float32", "SparseGemm.Run", "pruned_mlp")]
    [InlineData("binary_mlp", "QuantizationScheme.Float32", "Unary.Sign", "binary_mlp")]
    [InlineData("binary_mlp", "QuantizationScheme.Binary", "XnorGemm.Run", "binary_mlp")]
    [InlineData("float_mlp", "QuantizationScheme.Float32", "Gemm.Run", "float_mlp")]
    [InlineData("float_mlp", "QuantizationScheme.Ternary", "TernaryGemm.Run", "float_mlp_twn")]
    [InlineData("float_mlp", "QuantizationScheme.Binary", "TernaryGemm.Run", "float_mlp_binarized")]
    public void Compiled_model_reproduces_pytorch_outputs_and_accuracy(string model, string scheme, string kernel, string reference)
    {
        var run = Generate(model, scheme);
        Assert.Contains(kernel, run.GeneratedSources.Values.Single());
        using var compiled = run.Load(ClassName);
        var inputs = DigitsData.Inputs;
        var labels = DigitsData.Labels;
        var expected = DigitsData.PyTorchOutputs(reference);
        var actual = new float[labels.Length * DigitsData.Classes];
        var logits = new float[DigitsData.Classes];
        for (var i = 0; i < labels.Length; i++)
        {
            compiled.Predict(inputs.AsSpan(i * DigitsData.Features, DigitsData.Features).ToArray(), logits);
            logits.CopyTo(actual, i * DigitsData.Classes);
        }

        var correct = Enumerable.Range(0, labels.Length).Count(i => ArgMax(actual.AsSpan(i * DigitsData.Classes, DigitsData.Classes)) == labels[i]);
        output.WriteLine($"{model} ({scheme}): {correct}/{labels.Length} correct (PyTorch {reference} {DigitsData.PyTorchCorrect(reference)}), max |C# - PyTorch| {FloatTolerance.MaxAbsoluteError(expected, actual):G3}, weight bytes {compiled.WeightBytes}, multiply-accumulates {compiled.GetConstant<long>("MultiplyAccumulates")}");
        Assert.Null(PyTorchTolerance.Compare(expected, actual));
        Assert.Equal(DigitsData.PyTorchCorrect(reference), correct);
    }

    [Theory]
    [InlineData("ternary_mlp", "QuantizationScheme.Ternary", "Ternary weights, float32 activations, per layer: '/hidden/Gemm' 64x64 exact (trained ternary)")]
    [InlineData("ternary_cnn", "QuantizationScheme.Ternary", "Ternary weights, float32 activations, per layer: '/conv1/Conv' conv 8x9 exact (trained ternary)")]
    [InlineData("pruned_cnn", "QuantizationScheme.Float32", "Filter pruning removed 4 of 8 filters of '/conv1/Conv' (4 all-zero, 0 unread by '/conv2/Conv'); 8 of 16 filters of '/conv2/Conv' (8 all-zero, 0 unread by '/output/Gemm').")]
    [InlineData("pruned_mlp", "QuantizationScheme.Float32", "Weight sparsity per dense layer (exact zeros; layers with at least 75 % zeros are stored and run sparse): '/hidden/Gemm' 40x64 86.6 % zeros, stored sparse; '/output/Gemm' 10x40 84 % zeros, stored sparse")]
    [InlineData("pruned_mlp", "QuantizationScheme.Float32", "Structured pruning removed 24 of 64 units of '/hidden/Gemm' (14 with all-zero weights, 24 unused by '/output/Gemm').")]
    [InlineData("binary_mlp", "QuantizationScheme.Binary", "Binary weights, float32 activations, per layer: '/hidden/Gemm' 64x64 exact (trained binary), float inputs; '/output/Gemm' 10x64 exact (trained binary), XNOR/popcount on the signs of its input (Sign fused).")]
    public void Class_docs_report_what_the_build_did_per_layer(string model, string scheme, string report)
    {
        var source = Generate(model, scheme).GeneratedSources.Values.Single();
        output.WriteLine(string.Join("\n", source.Split('\n').Where(l => l.Contains("<para>"))));
        Assert.Contains(report, source);
    }

    [Fact]
    public void Ternary_on_a_depthwise_convolution_is_QM0008()
    {
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]> { ["Models/cnn.onnx"] = File.ReadAllBytes(OracleModel.PathOf("depthwise_separable_cnn.onnx")) },
            """
            using QuantizedModels;
            [QuantizedModel("Models/cnn.onnx", Scheme = QuantizationScheme.Ternary)]
            public partial class Cnn;
            """);
        Assert.Equal("QM0008", run.FirstGeneratorError?.Id);
        Assert.Contains("ungrouped convolutions", run.FirstGeneratorError!.GetMessage());
    }

    /// <summary>A float-trained CNN under Ternary or Binary: its convolutions run as TernaryConv2D (binary: no zeros).</summary>
    [Theory]
    [InlineData("Ternary")]
    [InlineData("Binary")]
    public void A_float_cnn_runs_its_convolutions_low_bit(string scheme)
    {
        var run = LowBitCnn(scheme, "");
        Assert.Null(run.FirstGeneratorError);
        var source = run.GeneratedSources.Values.Single();
        Assert.Equal(2, source.Split(["TernaryConv2D.Run("], StringSplitOptions.None).Length - 1);
        Assert.Contains("'/features/features.0/Conv' conv ", source);
        using var compiled = run.Load("Cnn");
    }

    /// <summary>Convolutions kept float32 per node leave the dense classifier ternary: the CNN compiles with one TernaryGemm.</summary>
    [Fact]
    public void Ternary_with_its_convolutions_kept_float_compiles_the_classifier_ternary()
    {
        var run = LowBitCnn("Ternary", """
            [QuantizedLayer("/features/features.0/Conv", QuantizationScheme.Float32)]
            [QuantizedLayer("/features/features.4/Conv", QuantizationScheme.Float32)]
            """);
        Assert.Null(run.FirstGeneratorError);
        var source = run.GeneratedSources.Values.Single();
        Assert.Contains("'/classifier/Gemm' 10x", source);
        Assert.Single(source.Split(["TernaryGemm.Run("], StringSplitOptions.None).Skip(1));
        using var compiled = run.Load("Cnn");
    }

    [Theory]
    [InlineData("ternary_mlp", "Ternary", 90, "ternary weights: top-1 agreement with the float model on the 450 calibration samples 450/450 (100 %)", false)]
    [InlineData("pruned_mlp", "Ternary", 99.9, "ternary weights: top-1 agreement with the float model on the 450 calibration samples", true)]
    [InlineData("pruned_mlp", "Binary", 90, "binary weights: top-1 agreement with the float model on the 450 calibration samples", true)]
    public void With_calibration_data_the_report_states_agreement_and_QM0012_warns_below_the_minimum(string model, string scheme, double minimum, string sentence, bool warns)
    {
        var run = GenerateWithCalibration(model, scheme, minimum, "");
        var source = run.GeneratedSources.Values.Single();
        output.WriteLine(string.Join("\n", source.Split('\n').Where(l => l.Contains("agreement"))));
        output.WriteLine(string.Join("\n", run.GeneratorDiagnostics));
        Assert.Contains(sentence, source);
        Assert.Equal(warns, run.GeneratorDiagnostics.Any(d => d.Id == "QM0012" && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    /// <summary>
    /// [QuantizedLayer(node, QuantizationScheme.Float32)] in a Ternary or Binary build keeps that dense layer's float
    /// weights (exact), the rest go low-bit: the float-trained MLP with its output layer kept float agrees with the
    /// float model at least as often as the all-low-bit build, see the output for both.
    /// </summary>
    [Theory]
    [InlineData("Ternary")]
    [InlineData("Binary")]
    public void A_float32_output_layer_in_a_low_bit_build_stays_float_and_agrees_at_least_as_often(string scheme)
    {
        var layers = "[QuantizedLayer(\"/output/Gemm\", QuantizationScheme.Float32)]";
        var (mixedSource, mixedAgreeing, mixedCorrect) = MeasureWithCalibration("float_mlp", scheme, layers);
        var (_, allAgreeing, allCorrect) = MeasureWithCalibration("float_mlp", scheme, "");
        output.WriteLine($"float_mlp {scheme}: output layer float32 {mixedCorrect}/450 correct, agreement {mixedAgreeing}/450; all layers {scheme.ToLowerInvariant()} {allCorrect}/450, agreement {allAgreeing}/450 (PyTorch float {DigitsData.PyTorchCorrect("float_mlp")})");
        Assert.Contains("'/output/Gemm' kept float32 ([QuantizedLayer])", mixedSource);
        Assert.Single(mixedSource.Split(["TernaryGemm.Run("], StringSplitOptions.None).Skip(1));
        Assert.True(mixedAgreeing >= allAgreeing, $"{mixedAgreeing} < {allAgreeing}");
    }

    /// <summary>The build with the test split as calibration data: its source, the agreement it reports, and its correct count.</summary>
    private static (string Source, int Agreeing, int Correct) MeasureWithCalibration(string model, string scheme, string layers)
    {
        var run = GenerateWithCalibration(model, scheme, 0, layers);
        var source = run.GeneratedSources.Values.Single();
        var agreeing = int.Parse(System.Text.RegularExpressions.Regex.Match(source, @"calibration samples (\d+)/450").Groups[1].Value);
        using var compiled = run.Load(ClassName);
        var logits = new float[DigitsData.Classes];
        var inputs = DigitsData.Inputs;
        var labels = DigitsData.Labels;
        var correct = Enumerable.Range(0, labels.Length).Count(i =>
        {
            compiled.Predict(inputs.AsSpan(i * DigitsData.Features, DigitsData.Features).ToArray(), logits);
            return ArgMax(logits) == labels[i];
        });
        return (source, agreeing, correct);
    }

    /// <summary>The build with the test split as calibration data and <paramref name="layers"/> ([QuantizedLayer] attributes) on the class.</summary>
    private static GeneratorRun GenerateWithCalibration(string model, string scheme, double minimum, string layers) => GeneratorHarness.Run(
        new Dictionary<string, byte[]>
        {
            [$"Models/{model}.onnx"] = File.ReadAllBytes(DigitsData.PathOf(model + ".onnx")),
            ["Models/digits.npy"] = NpyWriter.Write(DigitsData.Inputs, DigitsData.Labels.Length, DigitsData.Features),
        },
        $"""
        using QuantizedModels;
        [QuantizedModel("Models/{model}.onnx", Scheme = QuantizationScheme.{scheme}, CalibrationData = "Models/digits.npy", MinimumAgreement = {minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)})]
        {layers}
        public partial class {ClassName};
        """);

    /// <summary>The BatchNorm CNN built with <paramref name="scheme"/> and <paramref name="layers"/> on the class.</summary>
    private static GeneratorRun LowBitCnn(string scheme, string layers) => GeneratorHarness.Run(
        new Dictionary<string, byte[]> { ["Models/cnn.onnx"] = File.ReadAllBytes(OracleModel.PathOf("batchnorm_cnn.onnx")) },
        $"""
        using QuantizedModels;
        [QuantizedModel("Models/cnn.onnx", Scheme = QuantizationScheme.{scheme})]
        {layers}
        public partial class Cnn;
        """);

    internal static GeneratorRun Generate(string model, string scheme) => GeneratorHarness.Run(
        new Dictionary<string, byte[]> { [$"Models/{model}.onnx"] = File.ReadAllBytes(DigitsData.PathOf(model + ".onnx")) },
        $"""
        using QuantizedModels;
        [QuantizedModel("Models/{model}.onnx", Scheme = {scheme})]
        public partial class {ClassName};
        """);

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
