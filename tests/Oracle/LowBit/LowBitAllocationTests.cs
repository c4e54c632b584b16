using System.Linq;
using Xunit;

namespace QuantizedModels.Oracle.LowBit;

/// <summary>The ternary, binary (XNOR) and sparse forms allocate nothing per Predict once warm, like the rest.</summary>
public sealed class LowBitAllocationTests
{
    [Theory]
    [InlineData("ternary_mlp", "QuantizationScheme.Ternary")]
    [InlineData("binary_mlp", "QuantizationScheme.Binary")]
    [InlineData("pruned_mlp", "QuantizationScheme.Float32")]
    public void Predict_allocates_nothing_after_warm_up(string model, string scheme)
    {
        using var compiled = LowBitDigitsTests.Generate(model, scheme).Load(LowBitDigitsTests.ClassName);
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
