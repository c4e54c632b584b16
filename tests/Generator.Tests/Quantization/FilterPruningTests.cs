using System;
using System.Linq;
using QuantizedModels.Generator.Tests.Emission;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

/// <summary>
/// A float build removes the conv filters the next layer never reads (here the dense layer's columns of the second
/// filter are zero, behind Relu, MaxPool and Flatten), and computes what the unpruned model computes.
/// </summary>
public class FilterPruningTests
{
    [Fact]
    public void A_filter_the_dense_layer_ignores_is_removed_and_the_outputs_stay_the_same()
    {
        var pruned = CleanGeneration.Run(TestSources.ModelClass(), Model(unreadColumn: 0f));
        // 1e-30 columns keep the filter (not exact zeros) and change no float32 output: the unpruned reference.
        var kept = CleanGeneration.Run(TestSources.ModelClass(), Model(unreadColumn: 1e-30f));

        Assert.Contains("Filter pruning removed 1 of 2 filters of 'conv_1' (0 all-zero, 1 unread by 'gemm_5').", pruned.SingleSource, StringComparison.Ordinal);
        Assert.DoesNotContain("Filter pruning", kept.SingleSource, StringComparison.Ordinal);
        using var prunedModel = CompiledModel.Load(pruned, "Demo.Net");
        using var keptModel = CompiledModel.Load(kept, "Demo.Net");
        var input = Enumerable.Range(0, 16).Select(i => (float)Math.Sin(i)).ToArray();
        var want = keptModel.Predict(input);
        var got = prunedModel.Predict(input);
        for (var i = 0; i < want.Length; i++) Assert.Equal(want[i], got[i], 1e-6);
    }

    /// <summary>x[1,1,4,4] → Conv 2x3x3 pad 1 → Relu → MaxPool 2x2 → Flatten → Gemm(3) → y[1,3]; the Gemm's columns 4-7 (filter 1) are <paramref name="unreadColumn"/>.</summary>
    private static byte[] Model(float unreadColumn) => new OnnxModelBuilder("cnn")
        .Input("x", 1, 1, 4, 4)
        .Output("y", 1, 3)
        .Floats("conv_w", new long[] { 2, 1, 3, 3 }, 0.1f, 0.2f, 0.1f, 0f, -0.5f, 0f, 0.1f, 0.2f, 0.1f, -0.25f, 0f, 0.25f, -0.5f, 0f, 0.5f, -0.25f, 0f, 0.25f)
        .Floats("conv_b", new long[] { 2 }, 0.01f, -0.02f)
        .Floats("fc_w", new long[] { 3, 8 }, Enumerable.Range(0, 24).Select(i => i % 8 < 4 ? 0.25f * ((i % 5) - 2) : unreadColumn).ToArray())
        .Floats("fc_b", new long[] { 3 }, 0f, 0.5f, -0.5f)
        .Node("Conv", new[] { "x", "conv_w", "conv_b" }, new[] { "conv" }, OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1))
        .Node("Relu", new[] { "conv" }, new[] { "act" })
        .Node("MaxPool", new[] { "act" }, new[] { "pool" }, OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2))
        .Node("Flatten", new[] { "pool" }, new[] { "flat" }, OnnxAttribute.Int("axis", 1))
        .Node("Gemm", new[] { "flat", "fc_w", "fc_b" }, new[] { "y" }, OnnxAttribute.Int("transB", 1))
        .ToBytes();
}
