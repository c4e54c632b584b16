using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using QuantizedModels.Generator.Tests.Diagnostics;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Emission;

/// <summary>Float16 and Int8WeightOnly: the float graph with its layers' weights stored compactly and decoded per layer.</summary>
public class WeightSchemeTests
{
    private static readonly float[] Input = { 0.3f, -1.2f, 0.8f };

    [Fact]
    public void Float16_weights_that_binary16_represents_give_the_float32_outputs_exactly()
    {
        // Every MLP weight is a short binary fraction, so storing it as binary16 loses nothing and the float32 arithmetic is unchanged.
        using var float32 = CompiledModel.Load(CleanGeneration.Run(TestSources.ModelClass(), TestModels.Mlp()), "Demo.Net");
        using var float16 = CompiledModel.Load(CleanGeneration.Run(Scheme("Float16"), TestModels.Mlp()), "Demo.Net");

        Assert.Equal(float32.Predict(Input), float16.Predict(Input));
    }

    [Fact]
    public void Int8_weight_only_runs_the_float_mlp_with_per_channel_symmetric_int8_weights()
    {
        using var model = CompiledModel.Load(CleanGeneration.Run(Scheme("Int8WeightOnly"), TestModels.Mlp()), "Demo.Net");

        var hidden = Dense(Input.Select(v => (double)v).ToArray(), Dequantized(TestModels.MlpW1, 4), TestModels.MlpB1).Select(h => Math.Max(0, h)).ToArray();
        var logits = Dense(hidden, Dequantized(TestModels.MlpW2, 2), TestModels.MlpB2);
        var exp = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        var actual = model.Predict(Input);
        for (var i = 0; i < actual.Length; i++) Assert.Equal(exp[i] / exp.Sum(), actual[i], 1e-6);
    }

    [Theory]
    [InlineData("Float16", "float32 with float16 weights")]
    [InlineData("Int8WeightOnly", "float32 activations with int8 per-channel weights")]
    public void The_docs_name_the_arithmetic_and_the_weights_shrink(string scheme, string arithmetic)
    {
        var float32 = CleanGeneration.Run(TestSources.ModelClass(), TestModels.Cnn());
        var run = CleanGeneration.Run(Scheme(scheme), TestModels.Cnn());
        using var reference = CompiledModel.Load(float32, "Demo.Net");
        using var model = CompiledModel.Load(run, "Demo.Net");

        Assert.Contains(arithmetic, run.SingleSource, StringComparison.Ordinal);
        // The conv (2x1x3x3) and dense (3x8) weights are 42 floats; biases stay float, int8 adds a float scale per channel (5).
        var stored = scheme == "Float16" ? 42 * 2 : 42 + (5 * 4);
        var expected = WeightBytes(float32) - (42 * 4) + stored;
        Assert.Equal(expected, WeightBytes(run));
        Assert.Contains($": {stored} bytes instead of 168 as float32, decoded per layer at run time; WeightBytes {expected} in all.", run.SingleSource, StringComparison.Ordinal);
        var input = Enumerable.Range(0, 16).Select(i => (float)Math.Sin(i)).ToArray();
        var want = reference.Predict(input);
        var got = model.Predict(input);
        for (var i = 0; i < want.Length; i++) Assert.Equal(want[i], got[i], 0.02);
    }

    [Fact]
    public void Float16_decodes_each_layer_into_a_planned_slice_not_a_float_copy_of_every_weight()
    {
        var source = CleanGeneration.Run(Scheme("Float16"), TestModels.Cnn()).SingleSource;

        Assert.Matches(@"WeightDecoding\.Float16\(__QuantizedModelWeights\.W\d+, arena\.Slice\(\d+, 18\)\);", source);
        Assert.Matches(@"DecodedGemm\.RunFloat16\(.*, arena\.Slice\(\d+, 24\)\);", source);
        Assert.Contains("ReadOnlySpan<global::System.Half>", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dense_layer_decodes_a_tile_of_rows_not_its_whole_matrix()
    {
        // 3 x 2000 weights: two 2000-long rows fit the 4096-float tile, the third is decoded on the next pass.
        var model = new OnnxModelBuilder("wide")
            .Input("x", 1, 2000)
            .Output("y", 1, 3)
            .Floats("w", new long[] { 2000, 3 }, Enumerable.Range(0, 6000).Select(i => (i % 7) * 0.125f).ToArray())
            .Node("MatMul", new[] { "x", "w" }, new[] { "y" })
            .ToBytes();
        var run = CleanGeneration.Run(Scheme("Int8WeightOnly"), model);

        Assert.Matches(@"DecodedGemm\.RunInt8PerChannel\(input, __QuantizedModelWeights\.W\d+, __QuantizedModelWeights\.W\d+, default, output, 1, 3, 2000, .*, arena\.Slice\(0, 4000\)\);", run.SingleSource);
        using var compiled = CompiledModel.Load(run, "Demo.Net");
        var input = Enumerable.Range(0, 2000).Select(i => (float)Math.Cos(i)).ToArray();
        var expected = Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, 2000).Sum(i => input[i] * (((i * 3) + c) % 7 * 0.125))).ToArray();
        var actual = compiled.Predict(input);
        for (var c = 0; c < 3; c++) Assert.Equal(expected[c], actual[c], 0.01);
    }

    [Fact]
    public void A_weight_beyond_float16_range_is_QM0009_naming_the_node()
    {
        var model = new OnnxModelBuilder("big")
            .Input("x", 1, 2)
            .Output("y", 1, 1)
            .Floats("w", new long[] { 2, 1 }, 1f, 70000f)
            .Node("MatMul", new[] { "x", "w" }, new[] { "y" })
            .ToBytes();
        var harness = new GeneratorHarness().WithSource(Scheme("Float16")).WithModel(model);

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0009").GetMessage();

        Assert.Contains("MatMul", message, StringComparison.Ordinal);
        Assert.Contains("float16", message, StringComparison.Ordinal);
    }

    private static int WeightBytes(GeneratorRun run) =>
        int.Parse(Regex.Match(run.SingleSource, @"public const int WeightBytes = (\d+);").Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Scheme(string scheme) => TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.{scheme}");

    /// <summary>Rows of <paramref name="weights"/> through symmetric int8 with scale max |row| / 127, rounding half away from zero.</summary>
    private static float[] Dequantized(float[] weights, int rows)
    {
        var depth = weights.Length / rows;
        var result = new float[weights.Length];
        for (var r = 0; r < rows; r++)
        {
            var scale = weights.Skip(r * depth).Take(depth).Max(Math.Abs) / 127f;
            for (var i = 0; i < depth; i++) result[(r * depth) + i] = (float)Math.Round(weights[(r * depth) + i] / scale, MidpointRounding.AwayFromZero) * scale;
        }

        return result;
    }

    private static double[] Dense(double[] x, float[] weights, float[] bias) =>
        bias.Select((b, o) => b + x.Select((v, i) => v * weights[(o * x.Length) + i]).Sum()).ToArray();
}
