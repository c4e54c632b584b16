using System.Linq;
using QuantizedModels.Generator.Graph;
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
        Assert.Equal(11, plan.LowerBound(ElementType.Float));
        Assert.Equal(plan.LowerBound(ElementType.Float), plan.ArenaLength(ElementType.Float));
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

    [Fact]
    public void Tensors_alive_together_in_a_diamond_never_share_memory()
    {
        // a feeds a short chain (b, c, d) and a branch e that lives until the final Add.
        var g = new TestGraph().Input("x", 1, 4).Output("y");
        g.Node("Relu", new[] { "x" }, "a", 1, 8);
        g.Node("Sigmoid", new[] { "a" }, "e", 1, 6);
        g.Node("Relu", new[] { "a" }, "b", 1, 16);
        g.Node("Relu", new[] { "b" }, "c", 1, 4);
        g.Node("Relu", new[] { "c" }, "d", 1, 6);
        g.Node("Add", new[] { "d", "e" }, "y", 1, 6);

        var plan = ArenaPlanner.Plan(g.Graph);

        var live = Lifetimes(g.Graph);
        Assert.Equal(new[] { "a", "e", "b", "c", "d" }, live.Select(t => t.Name));
        Assert.All(live, t => Assert.Equal(StorageKind.Arena, plan.Storage[t.Name].Kind));
        for (var index = 0; index < g.Graph.Nodes.Count; index++)
        {
            var alive = live.Where(t => t.First <= index && index <= t.Last).Select(t => plan.Storage[t.Name]).ToList();
            foreach (var p in alive)
            {
                Assert.InRange(p.Offset, 0, plan.ArenaLength(ElementType.Float) - p.Length);
                Assert.All(alive.Where(q => q != p), q => Assert.True(p.Offset + p.Length <= q.Offset || q.Offset + q.Length <= p.Offset, $"node {index}: [{p.Offset},+{p.Length}) overlaps [{q.Offset},+{q.Length})"));
            }
        }

        // The largest live set is a, e and b while b is written: 8 + 6 + 16.
        Assert.Equal(30, plan.LowerBound(ElementType.Float));
        Assert.True(plan.ArenaLength(ElementType.Float) >= plan.LowerBound(ElementType.Float));
    }

    /// <summary>Each intermediate tensor with the index of the node that writes it and of the last node that reads it.</summary>
    private static (string Name, int First, int Last)[] Lifetimes(ModelGraph graph) =>
        graph.Nodes.SelectMany((node, first) => node.Outputs.Where(o => !graph.Outputs.Contains(o))
                .Select(o => (o, first, graph.Nodes.Select((n, i) => n.Inputs.Contains(o) ? i : first).Max())))
            .ToArray();
}
