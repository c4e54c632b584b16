using System;
using QuantizedModels.Generator.Tests.Reading.Tflite;
using QuantizedModels.Generator.Tests.Support;
using FlatBufferWriter = QuantizedModels.TestSupport.FlatBufferWriter;
using Xunit;
using static QuantizedModels.Generator.Tests.Reading.Tflite.CraftedTfliteModels;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>TensorFlow Lite files: damaged ones are QM0002, operators without an integer kernel QM0003.</summary>
public class TfliteModelTests
{
    private const string Path = "Models/net.tflite";

    [Fact]
    public void An_operator_without_an_integer_kernel_is_named_in_one_diagnostic()
    {
        var codes = new[] { Code(deprecated: 127, builtin: 150), Code(deprecated: 127, builtin: 151) };
        var tensors = new[] { Tensor("x"), Tensor("h"), Tensor("y") };
        var model = FlatBufferWriter.Build(new FlatBufferWriter.Table()
            .Int(Generator.Reading.Tflite.TfliteSchema.Model.Version, 3)
            .Child(Generator.Reading.Tflite.TfliteSchema.Model.OperatorCodes, codes)
            .Child(Generator.Reading.Tflite.TfliteSchema.Model.Subgraphs, new[] { Subgraph(tensors, Op(0, new[] { 0 }, new[] { 1 }), Op(1, new[] { 1 }, new[] { 2 })).Child(Generator.Reading.Tflite.TfliteSchema.SubGraph.Outputs, new[] { 2 }) })
            .Child(Generator.Reading.Tflite.TfliteSchema.Model.Buffers, new[] { new FlatBufferWriter.Table() }));
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass($"\"{Path}\"")).WithModel(model, Path);

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0003").GetMessage();

        Assert.Contains("GELU", message, StringComparison.Ordinal);
        Assert.Contains("DYNAMIC_UPDATE_SLICE", message, StringComparison.Ordinal);
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
