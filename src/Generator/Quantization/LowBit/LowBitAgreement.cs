using System.Collections.Generic;
using System;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;
using QuantizedModels.Generator.Quantization.Calibration;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// The honest cost of low-bit weights: on the calibration samples, how often the float graph with every dense layer's
/// weights replaced by their low-bit values picks the same top-1 class as the float graph.
/// </summary>
internal static class LowBitAgreement
{
    public static int Agreeing(ModelGraph graph, ISet<string> floatNodes, float[][] samples, Func<DenseLayer, float[]> lowBitWeights)
    {
        var simulated = GraphEdits.ShallowCopy(graph);
        foreach (var node in graph.Nodes.Where(n => !floatNodes.Contains(n.Name)))
        {
            if (DenseLayer.From(graph, node) is { } layer) DenseGemm.Replace(simulated, node, layer with { Weights = lowBitWeights(layer) });
            else if (LowBitConv.AsLayer(graph, node) is { } conv) LowBitConv.ReplaceWeights(simulated, node, lowBitWeights(conv));
        }

        var exact = new FloatEvaluator(graph);
        var lowBit = new FloatEvaluator(simulated);
        var output = graph.Outputs[0];
        return samples.Count(sample => ArgMax(exact.Run(sample)[output]) == ArgMax(lowBit.Run(sample)[output]));
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
