using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>Orders nodes so each runs after the producers of its inputs (ONNX files may list them in any order).</summary>
internal static class TopologicalSort
{
    public static void Run(ModelGraph graph)
    {
        var producer = new Dictionary<string, Node>();
        foreach (var node in graph.Nodes)
        {
            foreach (var output in node.Outputs.Where(o => o.Length > 0))
            {
                if (producer.ContainsKey(output))
                {
                    throw new ModelException($"Tensor '{output}' is produced by more than one node (the second is {node.Describe()}).");
                }

                producer[output] = node;
            }
        }

        RequireDefined(graph, producer);
        var pending = graph.Nodes.ToDictionary(n => n, n => n.Inputs.Where(i => i.Length > 0 && producer.ContainsKey(i)).Select(i => producer[i]).Distinct().Count());
        var consumers = new Dictionary<Node, List<Node>>();
        foreach (var node in graph.Nodes)
        {
            foreach (var source in node.Inputs.Where(i => i.Length > 0 && producer.ContainsKey(i)).Select(i => producer[i]).Distinct())
            {
                if (!consumers.TryGetValue(source, out var list))
                {
                    consumers[source] = list = new List<Node>();
                }

                list.Add(node);
            }
        }

        // Kahn's algorithm; ready nodes keep file order so output is deterministic.
        var ordered = new List<Node>(graph.Nodes.Count);
        var ready = new Queue<Node>(graph.Nodes.Where(n => pending[n] == 0));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            ordered.Add(node);
            if (!consumers.TryGetValue(node, out var list)) continue;
            foreach (var consumer in list)
            {
                if (--pending[consumer] == 0)
                {
                    ready.Enqueue(consumer);
                }
            }
        }

        if (ordered.Count != graph.Nodes.Count)
        {
            var stuck = graph.Nodes.First(n => pending[n] > 0);
            throw new ModelException($"The graph has a cycle: node {stuck.Describe()} depends on its own output.");
        }

        graph.Nodes.Clear();
        graph.Nodes.AddRange(ordered);
    }

    /// <summary>Every tensor read must come from a node, a graph input or an initializer (a damaged file can name others).</summary>
    private static void RequireDefined(ModelGraph graph, Dictionary<string, Node> producer)
    {
        bool Defined(string name) => producer.ContainsKey(name) || graph.Inputs.Contains(name) || (graph.Values.TryGetValue(name, out var v) && v.IsConstant);
        foreach (var node in graph.Nodes)
        {
            foreach (var input in node.Inputs.Where(i => i.Length > 0 && !Defined(i)))
            {
                throw new ModelException($"Node {node.Describe()} reads tensor '{input}', which no node produces and which is neither a graph input nor an initializer.");
            }
        }

        foreach (var output in graph.Outputs.Where(o => !Defined(o)))
        {
            throw new ModelException($"Graph output '{output}' is produced by no node and is neither a graph input nor an initializer.");
        }
    }
}
