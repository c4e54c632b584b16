using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>Builds a <see cref="ModelGraph"/> directly, for pass and planner tests that skip reading.</summary>
internal sealed class TestGraph
{
    public ModelGraph Graph { get; } = new();

    public TestGraph()
    {
        Graph.OpsetImports[""] = 13;
    }

    public TestGraph Input(string name, params long[] dims)
    {
        Graph.AddValue(new Value(name, ElementType.Float, dims));
        Graph.Inputs.Add(name);
        return this;
    }

    public TestGraph Output(string name)
    {
        Graph.Outputs.Add(name);
        return this;
    }

    /// <summary>Adds a node and declares its single float output with the given dims.</summary>
    public Node Node(string op, string[] inputs, string output, params long[] outputDims)
    {
        var node = new Node(op + "_" + output, op, "", inputs, new[] { output });
        Graph.AddValue(new Value(output, ElementType.Float, outputDims));
        Graph.Nodes.Add(node);
        return node;
    }
}
