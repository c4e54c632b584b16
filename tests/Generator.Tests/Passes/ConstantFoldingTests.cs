using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Passes;

public class ConstantFoldingTests
{
    [Fact]
    public void The_pytorch_flatten_pattern_folds_to_a_constant_shape()
    {
        // x.view(x.size(0), -1): Shape -> Gather(0) -> Unsqueeze -> Concat with [-1] -> Reshape.
        var g = new TestGraph().Input("x", 2, 3, 4, 5).Output("y");
        g.Int64s("axes0", 0);
        g.Node("Shape", new[] { "x" }, "shape");
        g.Node("Constant", new string[0], "zero").With("value_int", 0L);
        g.Node("Gather", new[] { "shape", "zero" }, "batch").With("axis", 0L);
        g.Node("Unsqueeze", new[] { "batch", "axes0" }, "batch1");
        g.Node("Constant", new string[0], "minus1").With("value_ints", new long[] { -1 });
        g.Node("Concat", new[] { "batch1", "minus1" }, "target").With("axis", 0L);
        g.Node("Reshape", new[] { "x", "target" }, "y");

        ShapePropagation.Run(g.Graph);

        var reshape = Assert.Single(g.Graph.Nodes);
        Assert.Equal("Reshape", reshape.OpType);
        Assert.Equal(new long[] { 2, -1 }, g.Graph.GetValue("target").Constant!.ToInt64s());
        Assert.Equal(new long[] { 2, 60 }, g.Graph.GetValue("y").Dims);
        Assert.Null(g.Graph.GetValue("y").Constant);
    }

    [Fact]
    public void A_constant_node_becomes_a_constant_value()
    {
        var g = new TestGraph().Input("x", 1, 3).Output("y");
        g.Node("Constant", new string[0], "bias").With("value_floats", new[] { 1f, 2f, 3f });
        g.Node("Add", new[] { "x", "bias" }, "y");

        ShapePropagation.Run(g.Graph);

        Assert.Equal("Add", Assert.Single(g.Graph.Nodes).OpType);
        var bias = g.Graph.GetValue("bias");
        Assert.Equal(new long[] { 3 }, bias.Dims);
        Assert.Equal(new[] { 1f, 2f, 3f }, bias.Constant!.ToFloats());
    }
}
