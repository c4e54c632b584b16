using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>What a shape rule sees: the node, the graph, and helpers to read inputs and set outputs.</summary>
internal readonly struct ShapeContext
{
    public ShapeContext(Node node, ModelGraph graph)
    {
        Node = node;
        Graph = graph;
    }

    public Node Node { get; }

    public ModelGraph Graph { get; }

    public long Opset => Graph.Opset(Node.Domain);

    public Value Input(int index)
    {
        if (!Node.HasInput(index))
        {
            throw new ModelException($"Node {Node.Describe()} is missing its input {index}.");
        }

        return Graph.GetValue(Node.Input(index));
    }

    /// <summary>Static dims of input <paramref name="index"/>; an unknown dimension here cannot be compiled.</summary>
    public long[] Dims(int index)
    {
        var value = Input(index);
        if (!Shape.IsStatic(value.Dims))
        {
            throw new ModelException($"Node {Node.Describe()} input '{value.Name}' has shape {Shape.Format(value.Dims)} that is not known at build time.", DiagnosticIds.DynamicDimension);
        }

        return value.Dims!;
    }

    public int Rank(int index) => Dims(index).Length;

    /// <summary>Contents of a constant input as integers (shapes, axes, pads), or null when it is omitted.</summary>
    public long[]? ConstInts(int index)
    {
        if (!Node.HasInput(index)) return null;
        var value = Input(index);
        if (value.Constant is null)
        {
            throw new ModelException($"Node {Node.Describe()} input '{value.Name}' must be known at build time (a constant or computable from shapes).", DiagnosticIds.DynamicDimension);
        }

        return value.Constant.ToInt64s();
    }

    public float[]? ConstFloats(int index)
    {
        if (!Node.HasInput(index)) return null;
        var value = Input(index);
        return value.Constant?.ToFloats() ?? throw new ModelException($"Node {Node.Describe()} input '{value.Name}' must be a constant.", DiagnosticIds.UnsupportedModel);
    }

    public void SetOutput(int index, ElementType type, long[] dims)
    {
        if (index >= Node.Outputs.Count || Node.Outputs[index].Length == 0) return;
        var name = Node.Outputs[index];
        if (dims.Any(d => d < 0))
        {
            throw new ModelException($"Node {Node.Describe()} would produce '{name}' with invalid shape {Shape.Format(dims)}.");
        }

        if (!Graph.Values.TryGetValue(name, out var value))
        {
            value = Graph.AddValue(new Value(name, type, dims));
        }

        value.Type = type;
        value.Dims = dims;
    }

    public int NormalizeAxis(long axis, int rank)
    {
        var normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw new ModelException($"Node {Node.Describe()} has axis {axis} outside a rank-{rank} tensor.");
        }

        return (int)normalized;
    }

    public ModelException Invalid(string message) => new($"Node {Node.Describe()}: {message}");
}
