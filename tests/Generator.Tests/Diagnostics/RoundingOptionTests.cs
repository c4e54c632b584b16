using System;
using QuantizedModels.Generator.Tests.Reading.Tflite;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary><c>Rounding = QuantizedRounding.OnnxRuntime</c> applies to ONNX models; a TensorFlow Lite model keeps its own arithmetic.</summary>
public class RoundingOptionTests
{
    [Fact]
    public void Onnx_runtime_rounding_on_a_tflite_model_is_QM0008()
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Rounding = QuantizedRounding.OnnxRuntime"))
            .WithModel(TfliteTestData.Read(TfliteTestData.MicroSpeech));

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0008").GetMessage();

        Assert.Contains("ONNX models only", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rounding_value_outside_the_enum_is_QM0008()
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Rounding = (QuantizedRounding)7"))
            .WithModel(TestModels.SingleRelu());

        Assert.Contains("not a QuantizedRounding value", DiagnosticAssert.SingleOnAttribute(harness, "QM0008").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tflite_rounding_on_a_tflite_model_compiles()
    {
        var run = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Rounding = QuantizedRounding.TfLite"))
            .WithModel(TfliteTestData.Read(TfliteTestData.MicroSpeech))
            .Run();

        Assert.Empty(run.Problems);
        Assert.Empty(run.CompilationProblems);
    }
}
