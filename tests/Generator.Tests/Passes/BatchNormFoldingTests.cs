using System;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Passes;

/// <summary>
/// Folding is checked numerically: the producer followed by BatchNormalization, evaluated in double before the
/// pass, must match the producer alone with the folded weights and bias after it.
/// </summary>
public class BatchNormFoldingTests
{
    private const int Channels = 3;
    private const float Epsilon = 1e-3f;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Folding_into_conv_keeps_the_result(bool withBias)
    {
        // x [1,2,3,3], W [3,2,2,2], no padding, stride 1 -> [1,3,2,2].
        var g = new TestGraph().Input("x", 1, 2, 3, 3).Output("y");
        g.Floats("w", new long[] { Channels, 2, 2, 2 }, Random(1, Channels * 8));
        if (withBias) g.Floats("b", new long[] { Channels }, Random(2, Channels));
        var conv = g.Node("Conv", withBias ? new[] { "x", "w", "b" } : new[] { "x", "w" }, "t", 1, Channels, 2, 2);
        AssertFoldingKeepsResult(g, conv, Random(3, 18), Conv);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(0, Channels)]
    [InlineData(1, Channels)]
    public void Folding_into_gemm_keeps_the_result(int transB, int cLength)
    {
        // A [2,4], B [4,3] (or [3,4] transposed), C absent, a broadcast scalar or one per output column.
        var g = new TestGraph().Input("a", 2, 4).Output("y");
        g.Floats("w", transB == 1 ? new long[] { Channels, 4 } : new long[] { 4, Channels }, Random(1, Channels * 4));
        if (cLength > 0) g.Floats("c", new long[] { cLength }, Random(2, cLength));
        var gemm = g.Node("Gemm", cLength > 0 ? new[] { "a", "w", "c" } : new[] { "a", "w" }, "t", 2, Channels)
            .With("transB", (long)transB).With("alpha", 0.5f).With("beta", 2f);
        AssertFoldingKeepsResult(g, gemm, Random(3, 8), Gemm);
    }

    [Fact]
    public void A_batch_norm_whose_input_has_another_reader_is_not_folded()
    {
        var g = new TestGraph().Input("a", 2, 4).Output("y").Output("z");
        g.Floats("w", new long[] { 4, Channels }, Random(1, Channels * 4));
        var gemm = g.Node("Gemm", new[] { "a", "w" }, "t", 2, Channels);
        AddBatchNorm(g);
        g.Node("Relu", new[] { "t" }, "z", 2, Channels);

        BatchNormFolding.Run(g.Graph);

        Assert.Contains(g.Graph.Nodes, n => n.OpType == "BatchNormalization");
        Assert.Equal(new[] { "a", "w" }, gemm.Inputs);
        Assert.Equal("t", gemm.Outputs[0]);
    }

    private static void AssertFoldingKeepsResult(TestGraph g, Node producer, float[] input, Func<ModelGraph, Node, float[], double[]> evaluate)
    {
        var bn = AddBatchNorm(g);
        var unfolded = BatchNorm(g.Graph, bn, evaluate(g.Graph, producer, input));

        BatchNormFolding.Run(g.Graph);

        Assert.Same(producer, Assert.Single(g.Graph.Nodes));
        Assert.Equal("y", producer.Outputs[0]);
        var folded = evaluate(g.Graph, producer, input);
        Assert.Equal(unfolded.Length, folded.Length);
        for (var i = 0; i < unfolded.Length; i++)
        {
            Assert.True(Math.Abs(folded[i] - unfolded[i]) <= 1e-5 * Math.Max(1, Math.Abs(unfolded[i])), $"element {i}: folded {folded[i]}, unfolded {unfolded[i]}");
        }
    }

    private static Node AddBatchNorm(TestGraph g)
    {
        g.Floats("gamma", new long[] { Channels }, Random(10, Channels));
        g.Floats("beta", new long[] { Channels }, Random(11, Channels));
        g.Floats("mean", new long[] { Channels }, Random(12, Channels));
        g.Floats("var", new long[] { Channels }, Random(13, Channels).Select(v => v + 1.5f).ToArray());
        var dims = g.Graph.GetValue("t").Dims!;
        return g.Node("BatchNormalization", new[] { "t", "gamma", "beta", "mean", "var" }, "y", dims).With("epsilon", Epsilon);
    }

    /// <summary>Inference BatchNormalization over axis 1 of <paramref name="x"/> (the BN input's dims).</summary>
    private static double[] BatchNorm(ModelGraph graph, Node bn, double[] x)
    {
        double[] Param(int i) => graph.GetValue(bn.Inputs[i]).Constant!.ToFloats().Select(v => (double)v).ToArray();
        var (gamma, beta, mean, variance) = (Param(1), Param(2), Param(3), Param(4));
        var dims = graph.GetValue(bn.Inputs[0]).Dims!;
        var inner = (int)Shape.ElementCount(dims.Skip(2).ToArray());
        return x.Select((v, i) =>
        {
            var c = (i / inner) % Channels;
            return ((v - mean[c]) / Math.Sqrt(variance[c] + Epsilon) * gamma[c]) + beta[c];
        }).ToArray();
    }

    /// <summary>Conv with stride 1 and no padding, reading the node's current weights and bias.</summary>
    private static double[] Conv(ModelGraph graph, Node conv, float[] x)
    {
        var xDims = graph.GetValue(conv.Inputs[0]).Dims!;
        var w = graph.GetValue(conv.Inputs[1]);
        var weights = w.Constant!.ToFloats();
        var bias = conv.HasInput(2) ? graph.GetValue(conv.Input(2)).Constant!.ToFloats() : new float[w.Dims![0]];
        int cin = (int)xDims[1], h = (int)xDims[2], wd = (int)xDims[3], m = (int)w.Dims![0], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
        int oh = h - kh + 1, ow = wd - kw + 1;
        var y = new double[m * oh * ow];
        for (var o = 0; o < m; o++)
        for (var i = 0; i < oh; i++)
        for (var j = 0; j < ow; j++)
        {
            double sum = bias[o];
            for (var c = 0; c < cin; c++)
            for (var p = 0; p < kh; p++)
            for (var q = 0; q < kw; q++)
            {
                sum += (double)x[(((c * h) + i + p) * wd) + j + q] * weights[(((((o * cin) + c) * kh) + p) * kw) + q];
            }

            y[(((o * oh) + i) * ow) + j] = sum;
        }

        return y;
    }

    /// <summary>ONNX Gemm without transA: alpha * A * op(B) + beta * C, reading the node's current inputs and attributes.</summary>
    private static double[] Gemm(ModelGraph graph, Node gemm, float[] a)
    {
        var aDims = graph.GetValue(gemm.Inputs[0]).Dims!;
        var b = graph.GetValue(gemm.Inputs[1]);
        var weights = b.Constant!.ToFloats();
        var transB = gemm.GetInt("transB", 0) != 0;
        int m = (int)aDims[0], k = (int)aDims[1], n = (int)b.Dims![transB ? 0 : 1];
        var c = gemm.HasInput(2) ? graph.GetValue(gemm.Input(2)).Constant!.ToFloats() : new[] { 0f };
        double alpha = gemm.GetFloat("alpha", 1f), beta = gemm.GetFloat("beta", 1f);
        var y = new double[m * n];
        for (var r = 0; r < m; r++)
        for (var col = 0; col < n; col++)
        {
            double sum = 0;
            for (var i = 0; i < k; i++) sum += (double)a[(r * k) + i] * weights[transB ? (col * k) + i : (i * n) + col];
            y[(r * n) + col] = (alpha * sum) + (beta * c[c.Length == 1 ? 0 : col]);
        }

        return y;
    }

    private static float[] Random(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
