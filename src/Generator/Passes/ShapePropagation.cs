using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Passes;

/// <summary>
/// Walks the sorted graph once: pins graph inputs, turns Constant nodes into constants, infers every
/// output shape and folds what is known at build time. Nodes of operators without a shape rule are
/// collected so one diagnostic names them all.
/// </summary>
internal static class ShapePropagation
{
    public static void Run(ModelGraph graph)
    {
        PinInputs(graph);
        var unsupported = new List<Node>();
        var unknown = new HashSet<string>();
        foreach (var node in graph.Nodes.ToList())
        {
            if (node.Domain.Length > 0 || !IsKnown(node))
            {
                unsupported.Add(node);
                unknown.UnionWith(node.Outputs);
                continue;
            }

            if (node.Inputs.Any(unknown.Contains))
            {
                unknown.UnionWith(node.Outputs);
                continue;
            }

            var context = new ShapeContext(node, graph);
            if (node.OpType == "Constant")
            {
                SetConstantNode(context);
                graph.Nodes.Remove(node);
                continue;
            }

            ShapeRules.TryGet(node.OpType, out var rule);
            rule(context);
            if (ConstantFolding.TryFold(context))
            {
                graph.Nodes.Remove(node);
            }
        }

        if (unsupported.Count > 0)
        {
            throw UnsupportedOperators(graph, unsupported);
        }
    }

    public static ModelException UnsupportedOperators(ModelGraph graph, IEnumerable<Node> nodes)
    {
        var list = nodes
            .Select(n => $"{n.Describe()} ({(n.Domain.Length == 0 ? "ai.onnx" : n.Domain)} opset {graph.Opset(n.Domain)})")
            .Distinct()
            .ToList();
        return new ModelException(string.Join("; ", list), DiagnosticIds.UnsupportedOperator);
    }

    private static bool IsKnown(Node node) => node.OpType == "Constant" || ShapeRules.TryGet(node.OpType, out _);

    /// <summary>A symbolic leading dimension is the batch and is pinned to 1; any other unknown dimension is an error.</summary>
    private static void PinInputs(ModelGraph graph)
    {
        foreach (var name in graph.Inputs)
        {
            var value = graph.GetValue(name);
            if (value.Dims is null)
            {
                throw new ModelException($"Input '{name}' has no declared shape; the generator needs static shapes.", DiagnosticIds.DynamicDimension);
            }

            for (var i = 0; i < value.Dims.Length; i++)
            {
                if (value.Dims[i] >= 0) continue;
                if (i == 0)
                {
                    value.Dims[i] = 1;
                    continue;
                }

                var symbol = value.DimNames?[i] ?? "?";
                throw new ModelException($"Input '{name}' has dynamic dimension {i} ('{symbol}') in shape {Shape.Format(value.Dims)}; only a leading batch dimension is pinned (to 1). Export the model with fixed sizes.", DiagnosticIds.DynamicDimension);
            }
        }
    }

    private static void SetConstantNode(ShapeContext c)
    {
        var node = c.Node;
        TensorData data;
        if (node.Attributes.TryGetValue("value", out var tensor) && tensor.Tensor is not null) data = tensor.Tensor;
        else if (node.Attributes.TryGetValue("value_float", out var f)) data = TensorData.FromFloats(new long[0], new[] { f.Float });
        else if (node.Attributes.TryGetValue("value_floats", out var fs)) data = TensorData.FromFloats(new long[] { fs.Floats.Count }, fs.Floats.ToArray());
        else if (node.Attributes.TryGetValue("value_int", out var i)) data = TensorData.FromInt64s(new long[0], new[] { i.Int });
        else if (node.Attributes.TryGetValue("value_ints", out var ints)) data = TensorData.FromInt64s(new long[] { ints.Ints.Count }, ints.Ints.ToArray());
        else throw c.Invalid("a Constant node needs a value, value_float(s) or value_int(s) attribute.");

        var value = c.Graph.Values.TryGetValue(node.Outputs[0], out var existing) ? existing : c.Graph.AddValue(new Value(node.Outputs[0], data.Type, data.Dims));
        value.Type = data.Type;
        value.Dims = data.Dims;
        value.Constant = data;
    }
}
