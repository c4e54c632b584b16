using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>
/// Fuses Relu, Clip and LeakyRelu into the Conv, Gemm, MatMul or elementwise arithmetic that feeds them,
/// so the activation is applied as each output is written instead of in a second pass over memory.
/// </summary>
internal static class ActivationFusion
{
    private static readonly string[] Producers = { "Conv", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div" };

    public static void Run(ModelGraph graph)
    {
        foreach (var activation in graph.Nodes.Where(n => n.OpType is "Relu" or "Clip" or "LeakyRelu").ToList())
        {
            var producer = GraphEdits.Producer(graph, activation.Inputs[0]);
            if (producer is null || producer.Activation is not null || !Producers.Contains(producer.OpType)) continue;
            if (!GraphEdits.OnlyFeeds(graph, activation.Inputs[0], activation)) continue;
            var fused = Describe(graph, activation);
            if (fused is null) continue;
            producer.Activation = fused;
            producer.Outputs[0] = activation.Outputs[0];
            graph.Nodes.Remove(activation);
        }
    }

    /// <summary>The activation as a fused record, or null when its bounds are not constants.</summary>
    public static FusedActivation? Describe(ModelGraph graph, Node node)
    {
        switch (node.OpType)
        {
            case "Relu":
                return new FusedActivation(ActivationKind.Relu, 0f, float.PositiveInfinity, 0f);
            case "LeakyRelu":
                return new FusedActivation(ActivationKind.LeakyRelu, 0f, 0f, node.GetFloat("alpha", 0.01f));
            default:
                if (graph.Opset(node.Domain) < 11)
                {
                    return new FusedActivation(ActivationKind.Clip, node.GetFloat("min", float.MinValue), node.GetFloat("max", float.MaxValue), 0f);
                }

                var min = Bound(graph, node, 1, float.NegativeInfinity);
                var max = Bound(graph, node, 2, float.PositiveInfinity);
                return min is null || max is null ? null : new FusedActivation(ActivationKind.Clip, min.Value, max.Value, 0f);
        }
    }

    private static float? Bound(ModelGraph graph, Node node, int index, float absent)
    {
        if (!node.HasInput(index)) return absent;
        var constant = graph.GetValue(node.Input(index)).Constant;
        return constant is null ? null : constant.ToFloats()[0];
    }
}
