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
}
