using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>Builds a <see cref="ModelGraph"/> directly, for pass and planner tests that skip reading.</summary>
internal sealed class TestGraph
{
    public ModelGraph Graph { get; } = new();

    public TestGraph(long opset = 13)
    {
        Graph.OpsetImports[""] = opset;
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

    /// <summary>Adds a float constant (an initializer).</summary>
    public TestGraph Floats(string name, long[] dims, params float[] values)
    {
        var data = TensorData.FromFloats(dims, values);
        Graph.AddValue(new Value(name, ElementType.Float, dims, data));
        return this;
    }

    /// <summary>Adds a one-dimensional int64 constant (an initializer), as shapes and axes are given.</summary>
    public TestGraph Int64s(string name, params long[] values)
    {
        var data = TensorData.FromInt64s(new long[] { values.Length }, values);
        Graph.AddValue(new Value(name, ElementType.Int64, data.Dims, data));
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

/// <summary>Sets node attributes fluently: <c>g.Node(...).With("transB", 1)</c>.</summary>
internal static class TestNodeAttributes
{
    public static Node With(this Node node, string name, long value) =>
        Set(node, name, new AttributeValue { Kind = AttributeKind.Int, Int = value });

    public static Node With(this Node node, string name, float value) =>
        Set(node, name, new AttributeValue { Kind = AttributeKind.Float, Float = value });

    public static Node With(this Node node, string name, long[] values) =>
        Set(node, name, new AttributeValue { Kind = AttributeKind.Ints, Ints = values });

    public static Node With(this Node node, string name, float[] values) =>
        Set(node, name, new AttributeValue { Kind = AttributeKind.Floats, Floats = values });

    private static Node Set(Node node, string name, AttributeValue value)
    {
        node.Attributes[name] = value;
        return node;
    }
}
