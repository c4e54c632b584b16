using System;
using QuantizedModels.Generator.Tests.Reading.Tflite;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class UnsupportedSchemeTests
{
    [Theory]
    [InlineData("Float32")]
    [InlineData("Int8WeightOnly")]
    [InlineData("Float16")]
    public void A_tflite_model_with_a_scheme_other_than_its_own_int8_is_QM0008(string scheme)
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.{scheme}"))
            .WithModel(TfliteTestData.Read(TfliteTestData.MicroSpeech));

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0008").GetMessage();

        Assert.Contains("quantization stored in the file", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tflite_model_with_scheme_int8_compiles()
    {
        var run = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8"))
            .WithModel(TfliteTestData.Read(TfliteTestData.MicroSpeech))
            .Run();

        Assert.Empty(run.Problems);
        Assert.Empty(run.CompilationProblems);
    }

    /// <summary>ExportQdq writes a quantization the build chose: a model quantized already, or no Int8 scheme, has none to write.</summary>
    [Theory]
    [InlineData("ExportQdq = true", "quantized at build time")]
    [InlineData("Scheme = QuantizationScheme.Int8, ExportQdq = true", "quantized already")]
    public void ExportQdq_without_a_build_time_quantization_is_QM0008(string options, string expected)
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", {options}"))
            .WithModel(TfliteTestData.Read(TfliteTestData.MicroSpeech));

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0008").GetMessage();

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    /// <summary>The export keeps the model's operators and adds per-channel DequantizeLinear, which needs opset 13.</summary>
    [Fact]
    public void ExportQdq_on_a_model_below_opset_13_is_QM0008()
    {
        var model = new OnnxModelBuilder("gemm12")
            .Opset("", 12)
            .Input("x", 1, 3)
            .Output("y", 1, 2)
            .Floats("w", new long[] { 2, 3 }, new[] { 0.5f, -1f, 0.25f, 1f, 0.5f, -0.5f })
            .Node("Gemm", new[] { "x", "w" }, new[] { "y" }, OnnxAttribute.Int("transB", 1))
            .ToBytes();
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{CalibrationPath}\", ExportQdq = true"))
            .WithModel(model)
            .WithModel(TestSupport.NpyWriter.Write(new[] { 0f, 1f, -1f, 0.5f, 2f, -2f }, 2, 3), CalibrationPath);

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0008").GetMessage();

        Assert.Contains("declares opset 12", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportQdq_on_a_build_quantized_model_adds_the_export_members()
    {
        var run = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{CalibrationPath}\", ExportQdq = true"))
            .WithModel(TestModels.Mlp())
            .WithModel(TestSupport.NpyWriter.Write(new[] { 0f, 1f, -1f, 0.5f, 2f, -2f }, 2, 3), CalibrationPath)
            .Run();

        Assert.Empty(run.Problems);
        Assert.Empty(run.CompilationProblems);
        Assert.Contains("public static global::System.ReadOnlySpan<byte> QdqOnnxModel", run.SingleSource, StringComparison.Ordinal);
        Assert.Contains("public static void WriteQdqOnnx(global::System.IO.Stream destination)", run.SingleSource, StringComparison.Ordinal);
    }

    private const string CalibrationPath = "Models/calibration.npy";
}
