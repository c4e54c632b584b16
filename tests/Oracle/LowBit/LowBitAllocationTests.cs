using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;

namespace QuantizedModels.Oracle.LowBit;

/// <summary>The ternary, binary (XNOR), sparse and int4 forms allocate nothing per Predict once warm, like the rest.</summary>
public sealed class LowBitAllocationTests
{
    [Theory]
    [InlineData("ternary_mlp", "QuantizationScheme.Ternary")]
    [InlineData("binary_mlp", "QuantizationScheme.Binary")]
    [InlineData("pruned_mlp", "QuantizationScheme.Float32")]
    [InlineData("ternary_cnn", "QuantizationScheme.Ternary")]
    [InlineData("pruned_cnn", "QuantizationScheme.Float32")]
    public void Predict_allocates_nothing_after_warm_up(string model, string scheme)
    {
        using var compiled = LowBitDigitsTests.Generate(model, scheme).Load(LowBitDigitsTests.ClassName);
        AssertAllocatesNothing(compiled);
    }

    /// <summary>Int4 unpacks each layer's weights into a buffer of the instance, never a new array.</summary>
    [Fact]
    public void Int4_predict_allocates_nothing_after_warm_up()
    {
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]>
            {
                ["Models/float_mlp.onnx"] = File.ReadAllBytes(DigitsData.PathOf("float_mlp.onnx")),
                ["Models/calibration.npy"] = File.ReadAllBytes(OracleModel.PathOf(Path.Combine("digits", "calibration_mlp.npy"))),
            },
            "using QuantizedModels;\n" +
            "[QuantizedModel(\"Models/float_mlp.onnx\", Scheme = QuantizationScheme.Int4, CalibrationData = \"Models/calibration.npy\")]\n" +
            $"public partial class {LowBitDigitsTests.ClassName};\n");
        Assert.Contains("Int4Weights.Unpack", run.GeneratedSources.Values.Single());
        using var compiled = run.Load(LowBitDigitsTests.ClassName);
        AssertAllocatesNothing(compiled);
    }

    private static void AssertAllocatesNothing(CompiledModel compiled)
    {
        var predict = compiled.PredictSpan;
        var input = DigitsData.Inputs.Take(DigitsData.Features).ToArray();
        var output = new float[DigitsData.Classes];
        for (var i = 0; i < 20; i++) predict(input, output);

        var before = System.GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) predict(input, output);

        Assert.Equal(0, System.GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains(output, v => v != 0);
    }
}
