using System.Linq;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Passes;

public class DeadNodeRemovalTests
{
    [Fact]
    public void A_chain_that_reaches_no_output_is_removed()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("y");
        g.Node("Relu", new[] { "x" }, "y", 1, 4);
        g.Node("Sigmoid", new[] { "x" }, "unused1", 1, 4);
        g.Node("Relu", new[] { "unused1" }, "unused2", 1, 4);

        DeadNodeRemoval.Run(g.Graph);

        Assert.Equal("y", Assert.Single(g.Graph.Nodes).Outputs[0]);
    }
}
