using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>Removes Identity and inference-time Dropout by pointing their readers at their input.</summary>
internal static class IdentityElimination
{
    public static void Run(ModelGraph graph)
    {
        foreach (var node in graph.Nodes.Where(n => n.OpType is "Identity" or "Dropout").ToList())
        {
            if (node.OpType == "Dropout" && node.Outputs.Count > 1 && node.Outputs[1].Length > 0 && GraphEdits.ConsumerCount(graph, node.Outputs[1]) > 0)
            {
                throw new ModelException($"Node {node.Describe()} uses Dropout's mask output, which only exists in training.", DiagnosticIds.UnsupportedModel);
            }

            // A graph output keeps its name, so that node stays as a copy.
            if (graph.Outputs.Contains(node.Outputs[0])) continue;
            GraphEdits.ReplaceUses(graph, node.Outputs[0], node.Inputs[0]);
            graph.Nodes.Remove(node);
        }
    }
}
