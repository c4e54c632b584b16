using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// Removes the dead output channels (filters) of a convolution that a structurally pruned model leaves: a filter
/// whose weights are all zero and whose activation(bias) is zero outputs zeros everywhere, and a channel the next
/// layer's weights ignore is never read. The conv loses those filters and the next layer (a Conv, or a Gemm behind
/// a Flatten) the matching inputs, through any Relu, MaxPool or AveragePool in between (they keep zero channels
/// zero). The graph computes the same function exactly.
/// </summary>
internal static class FilterPruning
{
    private static readonly HashSet<string> ChannelwiseZeroPreserving = new() { "Relu", "MaxPool", "AveragePool" };

    /// <summary>Rewrites every such conv and returns a report sentence, or none when nothing was removed.</summary>
    public static string[] Run(ModelGraph graph)
    {
        var removals = new List<string>();
        foreach (var conv in graph.Nodes.ToList())
        {
            if (PlainConv(graph, conv) is not { } weights) continue;
            var chain = Chain(graph, conv);
            var last = chain.Count == 0 ? conv : chain[chain.Count - 1];
            var consumer = SoleConsumer(graph, last.Outputs[0]);
            if (consumer is null) continue;
            var next = NextLayer(graph, consumer, weights.Out);
            if (next is null) continue;

            var bias = Bias(graph, conv, weights.Out);
            var zeroFilters = Enumerable.Range(0, weights.Out).Where(u => weights.IsZeroRow(u) && FloatActivations.Apply(conv.Activation, bias[u]) == 0f).ToList();
            var unread = Enumerable.Range(0, weights.Out).Where(u => next.Value.Ignores(u)).ToList();
            var kept = Enumerable.Range(0, weights.Out).Where(u => !zeroFilters.Contains(u) && !unread.Contains(u)).ToArray();
            if (kept.Length == weights.Out || kept.Length == 0) continue;

            ShrinkConv(graph, conv, weights, bias, kept);
            foreach (var node in chain) SetChannels(graph.GetValue(node.Outputs[0]), kept.Length);
            next.Value.Shrink(kept);
            removals.Add($"{weights.Out - kept.Length} of {weights.Out} filters of '{Name(conv)}' ({zeroFilters.Count} all-zero, {unread.Count} unread by '{Name(next.Value.Node)}')");
        }

        return removals.Count == 0 ? new string[0] : new[] { $"Filter pruning removed {string.Join("; ", removals)}." };
    }

    /// <summary>A conv's weights as rows of its output channels.</summary>
    private sealed record Rows(int Out, int Width, long[] Dims, float[] Values)
    {
        public bool IsZeroRow(int row) => Enumerable.Range(0, Width).All(i => Values[row * Width + i] == 0f);
    }

    /// <summary>The layer reading the conv's channels and how it shrinks with them.</summary>
    private readonly record struct Next(Node Node, System.Func<int, bool> Ignores, System.Action<int[]> Shrink);

    private static Rows? PlainConv(ModelGraph graph, Node node)
    {
        if (node.OpType != "Conv" || node.Domain != "" || node.GetInt("group", 1) != 1 || !node.HasInput(1)) return null;
        var weights = graph.GetValue(node.Inputs[1]);
        if (weights.Constant is null || weights.Dims!.Length != 4) return null;
        if (node.HasInput(2) && graph.GetValue(node.Input(2)).Constant is null) return null;
        var outChannels = (int)weights.Dims[0];
        return new Rows(outChannels, (int)(weights.Constant.ElementCount / outChannels), weights.Dims, weights.Constant.ToFloats());
    }

    private static float[] Bias(ModelGraph graph, Node conv, int outChannels) =>
        conv.HasInput(2) ? graph.GetValue(conv.Input(2)).Constant!.ToFloats() : new float[outChannels];

    /// <summary>The Relu and pooling nodes after the conv, each the only reader of the one before.</summary>
    private static List<Node> Chain(ModelGraph graph, Node conv)
    {
        var chain = new List<Node>();
        var current = conv;
        while (SoleConsumer(graph, current.Outputs[0]) is { } next && next.Domain == "" && ChannelwiseZeroPreserving.Contains(next.OpType) && next.Outputs.Count(o => o.Length > 0) == 1)
        {
            chain.Add(next);
            current = next;
        }

        return chain;
    }

    private static Node? SoleConsumer(ModelGraph graph, string value)
    {
        if (graph.Outputs.Contains(value) || GraphEdits.ConsumerCount(graph, value) != 1) return null;
        var consumer = graph.Nodes.First(n => n.Inputs.Contains(value));
        return consumer.Inputs.Count(i => i == value) == 1 ? consumer : null;
    }

    private static Next? NextLayer(ModelGraph graph, Node consumer, int channels)
    {
        if (PlainConv(graph, consumer) is { } rows && consumer.Inputs[0] != consumer.Inputs[1] && rows.Dims[1] == channels)
        {
            var taps = (int)(rows.Dims[2] * rows.Dims[3]);
            return new Next(consumer,
                u => Enumerable.Range(0, rows.Out).All(o => Enumerable.Range(0, taps).All(t => rows.Values[o * rows.Width + u * taps + t] == 0f)),
                kept => ReplaceWeights(graph, consumer, new[] { rows.Dims[0], kept.Length, rows.Dims[2], rows.Dims[3] },
                    Enumerable.Range(0, rows.Out).SelectMany(o => kept.SelectMany(u => rows.Values.Skip(o * rows.Width + u * taps).Take(taps))).ToArray()));
        }

        if (consumer.OpType != "Flatten" || consumer.Domain != "" || consumer.GetInt("axis", 1) != 1) return null;
        var gemm = SoleConsumer(graph, consumer.Outputs[0]);
        if (gemm is null || gemm.Inputs[0] != consumer.Outputs[0] || DenseLayer.From(graph, gemm) is not { Rows: 1 } dense || dense.In % channels != 0) return null;
        var pixels = dense.In / channels;
        return new Next(gemm,
            u => Enumerable.Range(0, dense.Out).All(o => Enumerable.Range(0, pixels).All(p => dense.Weights[o * dense.In + u * pixels + p] == 0f)),
            kept =>
            {
                var weights = Enumerable.Range(0, dense.Out).SelectMany(o => kept.SelectMany(u => dense.Weights.Skip(o * dense.In + u * pixels).Take(pixels))).ToArray();
                DenseGemm.Replace(graph, gemm, dense with { In = kept.Length * pixels, Weights = weights });
                var flat = graph.GetValue(consumer.Outputs[0]);
                flat.Dims = new[] { flat.Dims![0], (long)kept.Length * pixels };
            });
    }

    private static void ShrinkConv(ModelGraph graph, Node conv, Rows weights, float[] bias, int[] kept)
    {
        ReplaceWeights(graph, conv, new[] { (long)kept.Length, weights.Dims[1], weights.Dims[2], weights.Dims[3] },
            kept.SelectMany(u => weights.Values.Skip(u * weights.Width).Take(weights.Width)).ToArray());
        var keptBias = GraphEdits.AddConstant(graph, conv.Outputs[0] + "_pruned_bias", TensorData.FromFloats(new long[] { kept.Length }, kept.Select(u => bias[u]).ToArray()));
        if (conv.HasInput(2)) conv.Inputs[2] = keptBias;
        else conv.Inputs.Add(keptBias);
        SetChannels(graph.GetValue(conv.Outputs[0]), kept.Length);
    }

    private static void ReplaceWeights(ModelGraph graph, Node node, long[] dims, float[] values) =>
        node.Inputs[1] = GraphEdits.AddConstant(graph, node.Outputs[0] + "_pruned_weights", TensorData.FromFloats(dims, values));

    private static void SetChannels(Value value, int channels)
    {
        var dims = (long[])value.Dims!.Clone();
        dims[1] = channels;
        value.Dims = dims;
    }

    private static string Name(Node node) => node.Name.Length > 0 ? node.Name : node.Outputs[0];
}
