using System;
using Xunit;

namespace QuantizedModels.Oracle;

/// <summary>The generated Predict allocates nothing once warm: it works in the instance's arena and the caller's spans.</summary>
public sealed class ZeroAllocationTests
{
    [Fact]
    public void Keyword_spotter_predict_allocates_nothing_after_warm_up()
    {
        using var model = OracleModel.Compile("kws_ref_model_float.onnx");
        var predict = model.PredictSpan;
        var input = new float[model.InputLength];
        var output = new float[model.OutputLength];
        for (var i = 0; i < input.Length; i++) input[i] = MathF.Sin(i);

        // Warm-up lets tiered JIT and static initialisers do their one-time allocations first.
        for (var i = 0; i < 20; i++) predict(input, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) predict(input, output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Contains(output, p => p != 0);
    }
}
