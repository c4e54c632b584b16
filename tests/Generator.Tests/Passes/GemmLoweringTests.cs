using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Passes;

public class GemmLoweringTests
{
    [Fact]
    public void A_transposed_run_time_a_gets_a_transpose_node()
    {
        var g = new TestGraph().Input("a", 3, 2).Output("y");
        g.Floats("w", new long[] { 3, 4 }, new float[12]);
        var gemm = g.Node("Gemm", new[] { "a", "w" }, "y", 2, 4).With("transA", 1L);

        GemmLowering.Run(g.Graph);

        Assert.Equal(new[] { "Transpose", "Gemm" }, g.Graph.Nodes.Select(n => n.OpType));
        var transpose = g.Graph.Nodes[0];
        Assert.Equal(new[] { "a" }, transpose.Inputs);
        Assert.Equal(new long[] { 1, 0 }, transpose.GetInts("perm"));
        Assert.Equal(transpose.Outputs[0], gemm.Inputs[0]);
        Assert.Equal(new long[] { 2, 3 }, g.Graph.GetValue(gemm.Inputs[0]).Dims);
        Assert.Equal(0, gemm.GetInt("transA", 0));
    }

    [Fact]
    public void A_transposed_constant_a_is_left_to_the_kernel()
    {
        var g = new TestGraph().Input("w", 3, 4).Output("y");
        g.Floats("a", new long[] { 3, 2 }, new float[6]);
        var gemm = g.Node("Gemm", new[] { "a", "w" }, "y", 2, 4).With("transA", 1L);

        GemmLowering.Run(g.Graph);

        Assert.Same(gemm, Assert.Single(g.Graph.Nodes));
        Assert.Equal(1, gemm.GetInt("transA", 0));
    }

    [Fact]
    public void A_run_time_c_becomes_an_add_after_the_gemm()
    {
        var g = GemmWithRunTimeC(beta: 1f, out var gemm);

        GemmLowering.Run(g.Graph);

        Assert.Equal(new[] { "Gemm", "Add" }, g.Graph.Nodes.Select(n => n.OpType));
        var add = g.Graph.Nodes[1];
        Assert.Equal(new[] { "a", "w" }, gemm.Inputs);
        Assert.Equal(new[] { gemm.Outputs[0], "c" }, add.Inputs);
        Assert.Equal(new[] { "y" }, add.Outputs);
    }

    [Fact]
    public void A_run_time_c_with_beta_is_scaled_by_a_mul_before_the_add()
    {
        var g = GemmWithRunTimeC(beta: 0.5f, out var gemm);

        GemmLowering.Run(g.Graph);

        Assert.Equal(new[] { "Gemm", "Mul", "Add" }, g.Graph.Nodes.Select(n => n.OpType));
        var (mul, add) = (g.Graph.Nodes[1], g.Graph.Nodes[2]);
        Assert.Equal("c", mul.Inputs[0]);
        Assert.Equal(new[] { 0.5f }, g.Graph.GetValue(mul.Inputs[1]).Constant!.ToFloats());
        Assert.Equal(new[] { gemm.Outputs[0], mul.Outputs[0] }, add.Inputs);
        Assert.Equal(new[] { "y" }, add.Outputs);
    }

    private static TestGraph GemmWithRunTimeC(float beta, out Node gemm)
    {
        var g = new TestGraph().Input("a", 2, 3).Input("c", 2, 4).Output("y");
        g.Floats("w", new long[] { 3, 4 }, new float[12]);
        gemm = g.Node("Gemm", new[] { "a", "w", "c" }, "y", 2, 4).With("beta", beta);
        return g;
    }
}
