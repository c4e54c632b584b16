using QuantizedModels.Generator.Planning;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Planning;

public class ArenaPlannerTests
{
    [Fact]
    public void A_simple_chain_needs_exactly_the_lower_bound()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("y");
        g.Node("Relu", new[] { "x" }, "a", 1, 8);
        g.Node("Relu", new[] { "a" }, "b", 1, 3);
        g.Node("Relu", new[] { "b" }, "c", 1, 6);
        g.Node("Relu", new[] { "c" }, "y", 1, 2);

        var plan = ArenaPlanner.Plan(g.Graph);

        // Largest live set: a and b (8 + 3) while b is written, b and c (3 + 6) while c is written.
        Assert.Equal(11, plan.LowerBoundFloats);
        Assert.Equal(plan.LowerBoundFloats, plan.ArenaFloats);
    }

    [Fact]
    public void A_reshape_shares_its_input_storage()
    {
        var g = new TestGraph().Input("x", 1, 4).Output("y");
        g.Node("Relu", new[] { "x" }, "a", 2, 2);
        g.Node("Reshape", new[] { "a", "shape" }, "flat", 1, 4);
        g.Node("Relu", new[] { "flat" }, "b", 1, 4);
        g.Node("Relu", new[] { "b" }, "y", 1, 4);

        var plan = ArenaPlanner.Plan(g.Graph);

        Assert.Equal(plan.Storage["a"].Offset, plan.Storage["flat"].Offset);
        Assert.Equal(StorageKind.Arena, plan.Storage["flat"].Kind);
        // flat is read while b is written, so b must not reuse a's slot.
        Assert.NotEqual(plan.Storage["a"].Offset, plan.Storage["b"].Offset);
    }
}
