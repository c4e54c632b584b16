using System;
using QuantizedModels.Generator.Tests.Reading.Tflite;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>TensorFlow Lite files are read in full but not compiled yet: a clear QM0009, or QM0002 when damaged.</summary>
public class TfliteModelTests
{
    private const string Path = "Models/micro_speech.tflite";

    [Fact]
    public void A_valid_tflite_model_is_read_and_reported_as_not_compiled_yet()
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{Path}\""))
            .WithModel(TfliteTestData.Read(TfliteTestData.MicroSpeech), Path);

        var diagnostic = DiagnosticAssert.SingleOnAttribute(harness, "QM0009");
        Assert.Contains("DEPTHWISE_CONV_2D", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_tflite_model_is_invalid()
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{Path}\""))
            .WithModel(TfliteTestData.Read(TfliteTestData.MicroSpeech).AsSpan(0, 600).ToArray(), Path);

        DiagnosticAssert.SingleOnAttribute(harness, "QM0002");
    }
}
