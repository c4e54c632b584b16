using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>Drops nodes none of whose outputs reach a graph output.</summary>
internal static class DeadNodeRemoval
{
    public static void Run(ModelGraph graph)
    {
        var live = new HashSet<string>(graph.Outputs);
        for (var i = graph.Nodes.Count - 1; i >= 0; i--)
        {
            var node = graph.Nodes[i];
            if (node.Outputs.Any(live.Contains))
            {
                live.UnionWith(node.Inputs.Where(n => n.Length > 0));
            }
            else
            {
                graph.Nodes.RemoveAt(i);
            }
        }
    }
}
