using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Planning;

/// <summary>
/// Assigns every tensor a storage: caller spans for graph inputs and outputs, constant data, and for
/// intermediates an arena slice. Arena slices are placed greedily by size (largest first) at the lowest
/// offset free for their whole lifetime, so tensors that are never alive together share memory. Each element
/// type gets its own arena. Layout ops (Reshape, Flatten, ...) alias their input's storage. A node may also ask for
/// float scratch that lives during that node alone (<see cref="ScratchName"/>), placed like a tensor.
/// </summary>
internal static class ArenaPlanner
{
    /// <summary>The storage key of the float scratch of the node at <paramref name="nodeIndex"/>.</summary>
    public static string ScratchName(int nodeIndex) => "\0scratch" + nodeIndex;

    /// <param name="graph">The graph, in execution order.</param>
    /// <param name="scratchLength">Floats of scratch each node needs while it runs (0 for none).</param>
    public static MemoryPlan Plan(ModelGraph graph, Func<Node, int>? scratchLength = null)
    {
        var storage = new Dictionary<string, Storage>();
        for (var i = 0; i < graph.Inputs.Count; i++)
        {
            var value = graph.GetValue(graph.Inputs[i]);
            storage[value.Name] = new Storage(StorageKind.Input, i, 0, (int)value.ElementCount, value.Type);
        }

        for (var i = 0; i < graph.Outputs.Count; i++)
        {
            var value = graph.GetValue(graph.Outputs[i]);
            if (!storage.ContainsKey(value.Name))
            {
                storage[value.Name] = new Storage(StorageKind.Output, i, 0, (int)value.ElementCount, value.Type);
            }
        }

        foreach (var value in graph.Values.Values.Where(v => v.Constant is not null && !storage.ContainsKey(v.Name)))
        {
            storage[value.Name] = new Storage(StorageKind.Constant, 0, 0, (int)value.ElementCount, value.Type);
        }

        // Roots own memory; an alias output reads its root's memory and extends its lifetime.
        var root = new Dictionary<string, string>();
        var first = new Dictionary<string, int>();
        var last = new Dictionary<string, int>();
        for (var index = 0; index < graph.Nodes.Count; index++)
        {
            var node = graph.Nodes[index];
            foreach (var input in node.Inputs.Where(i => i.Length > 0))
            {
                var r = root.TryGetValue(input, out var found) ? found : input;
                last[r] = index;
            }

            foreach (var output in node.Outputs.Where(o => o.Length > 0 && !storage.ContainsKey(o)))
            {
                if (AliasOps.IsAlias(node) && !graph.Outputs.Contains(output))
                {
                    root[output] = root.TryGetValue(node.Inputs[0], out var r) ? r : node.Inputs[0];
                }
                else
                {
                    first[output] = index;
                    last[output] = index;
                }
            }
        }

        var lengths = first.Keys.ToDictionary(n => n, n => (Length: graph.GetValue(n).ElementCount, graph.GetValue(n).Type));
        for (var index = 0; index < graph.Nodes.Count && scratchLength is not null; index++)
        {
            var length = scratchLength(graph.Nodes[index]);
            if (length == 0) continue;
            var name = ScratchName(index);
            first[name] = last[name] = index;
            lengths[name] = (length, ElementType.Float);
        }

        var arenas = new List<Arena>();
        foreach (var group in first.Keys.GroupBy(n => lengths[n].Type).OrderBy(g => g.Key))
        {
            arenas.Add(Place(graph.Nodes.Count, group.Key, group, n => lengths[n].Length, first, last, storage));
        }

        foreach (var alias in root)
        {
            var target = storage[alias.Value];
            storage[alias.Key] = target with { Length = (int)graph.GetValue(alias.Key).ElementCount };
        }

        return new MemoryPlan(storage, arenas);
    }

    private static Arena Place(int nodeCount, ElementType type, IEnumerable<string> names, Func<string, long> elementCount, Dictionary<string, int> first, Dictionary<string, int> last, Dictionary<string, Storage> storage)
    {
        var placed = new List<(int Start, int End, int Offset, int Length)>();
        foreach (var name in names.OrderByDescending(elementCount).ThenBy(n => first[n]))
        {
            var length = checked((int)elementCount(name));
            var offset = 0;
            foreach (var other in placed.Where(p => p.Start <= last[name] && first[name] <= p.End).OrderBy(p => p.Offset))
            {
                if (offset + length <= other.Offset) break;
                offset = Math.Max(offset, other.Offset + other.Length);
            }

            placed.Add((first[name], last[name], offset, length));
            storage[name] = new Storage(StorageKind.Arena, 0, offset, length, type);
        }

        var size = placed.Max(p => p.Offset + p.Length);
        var lowerBound = Enumerable.Range(0, nodeCount).Select(i => placed.Where(p => p.Start <= i && i <= p.End).Sum(p => p.Length)).DefaultIfEmpty(0).Max();
        return new Arena(type, size, lowerBound);
    }
}
