using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// Removes the hidden units of a dense layer feeding another dense layer that a pruned model has made dead: a unit
/// whose weights are all zero outputs the constant activation(bias), folded into the next layer's bias; a unit the
/// next layer's weights ignore (an all-zero column) is dropped. Both layers shrink; the graph computes the same
/// function (up to the float rounding of the folded bias terms).
/// </summary>
internal static class StructuredPruning
{
    /// <summary>Rewrites every such pair and returns a report sentence, or none when nothing was removed.</summary>
    public static string[] Run(ModelGraph graph)
    {
        var removals = new List<string>();
        foreach (var consumer in graph.Nodes.ToList())
        {
            var next = DenseLayer.From(graph, consumer);
            var producer = GraphEdits.Producer(graph, consumer.Inputs[0]);
            var first = producer is null ? null : DenseLayer.From(graph, producer);
            if (next is null || first is null || first.Rows != 1 || next.Rows != 1 || first.Out != next.In || !GraphEdits.OnlyFeeds(graph, consumer.Inputs[0], consumer)) continue;

            var zeroRows = Enumerable.Range(0, first.Out).Where(u => Enumerable.Range(0, first.In).All(i => first.Weights[u * first.In + i] == 0f)).ToList();
            var unused = Enumerable.Range(0, first.Out).Where(u => Enumerable.Range(0, next.Out).All(o => next.Weights[o * next.In + u] == 0f)).ToList();
            var kept = Enumerable.Range(0, first.Out).Where(u => !zeroRows.Contains(u) && !unused.Contains(u)).ToArray();
            if (kept.Length == first.Out || kept.Length == 0) continue;

            var bias = (float[])next.Bias.Clone();
            foreach (var unit in zeroRows.Except(unused))
            {
                var constant = FloatActivations.Apply(first.Activation, first.Bias[unit]);
                for (var o = 0; o < next.Out; o++) bias[o] += next.Weights[o * next.In + unit] * constant;
            }

            var firstWeights = kept.SelectMany(u => first.Weights.Skip(u * first.In).Take(first.In)).ToArray();
            var nextWeights = Enumerable.Range(0, next.Out).SelectMany(o => kept.Select(u => next.Weights[o * next.In + u])).ToArray();
            DenseGemm.Replace(graph, producer!, first with { Out = kept.Length, Weights = firstWeights, Bias = kept.Select(u => first.Bias[u]).ToArray() });
            DenseGemm.Replace(graph, consumer, next with { In = kept.Length, Weights = nextWeights, Bias = bias });
            var hidden = graph.GetValue(consumer.Inputs[0]);
            var dims = hidden.Dims!;
            hidden.Dims = dims.Take(dims.Length - 1).Concat(new long[] { kept.Length }).ToArray();
            removals.Add($"{first.Out - kept.Length} of {first.Out} units of '{Name(producer!)}' ({zeroRows.Count} with all-zero weights, {unused.Count} unused by '{Name(consumer)}')");
        }

        return removals.Count == 0 ? new string[0] : new[] { $"Structured pruning removed {string.Join("; ", removals)}." };
    }

    private static string Name(Node node) => node.Name.Length > 0 ? node.Name : node.Outputs[0];
}
