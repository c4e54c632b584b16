using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Passes;

public class IdentityEliminationTests
{
    [Fact]
    public void Identity_and_dropout_are_removed_and_their_readers_rewired()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("y");
        g.Node("Relu", new[] { "x" }, "a", 1, 4);
        g.Node("Identity", new[] { "a" }, "b", 1, 4);
        g.Node("Dropout", new[] { "b" }, "c", 1, 4).Outputs.Add("unused_mask");
        var last = g.Node("Relu", new[] { "c" }, "y", 1, 4);

        IdentityElimination.Run(g.Graph);

        Assert.Equal(new[] { "Relu", "Relu" }, g.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal(new[] { "a" }, last.Inputs);
    }

    [Fact]
    public void An_identity_writing_a_graph_output_stays()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("y");
        g.Node("Relu", new[] { "x" }, "a", 1, 4);
        g.Node("Identity", new[] { "a" }, "y", 1, 4);

        IdentityElimination.Run(g.Graph);

        Assert.Equal(new[] { "Relu", "Identity" }, g.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal(new[] { "y" }, g.Graph.Outputs);
    }

    [Fact]
    public void A_dropout_whose_mask_is_read_is_a_model_error()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("y");
        g.Node("Dropout", new[] { "x" }, "a", 1, 4).Outputs.Add("mask");
        g.Node("Add", new[] { "a", "mask" }, "y", 1, 4);

        var error = Assert.Throws<ModelException>(() => IdentityElimination.Run(g.Graph));

        Assert.Contains("mask", error.Message);
    }
}
