using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Passes;

public class TopologicalSortTests
{
    [Fact]
    public void Nodes_listed_out_of_order_run_after_their_producers()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("c");
        g.Node("Relu", new[] { "b" }, "c", 1, 4);
        g.Node("Relu", new[] { "a" }, "b", 1, 4);
        g.Node("Relu", new[] { "x" }, "a", 1, 4);

        TopologicalSort.Run(g.Graph);

        Assert.Equal(new[] { "a", "b", "c" }, g.Graph.Nodes.Select(n => n.Outputs[0]));
    }

    [Fact]
    public void A_cycle_is_a_model_error()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("b");
        g.Node("Add", new[] { "x", "b" }, "a", 1, 4);
        g.Node("Relu", new[] { "a" }, "b", 1, 4);

        var error = Assert.Throws<ModelException>(() => TopologicalSort.Run(g.Graph));

        Assert.Contains("cycle", error.Message);
    }
}
