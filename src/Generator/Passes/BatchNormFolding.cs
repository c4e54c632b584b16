using System;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>
/// Folds an inference BatchNormalization into the Conv or Gemm that feeds it: with s = gamma / sqrt(var + eps),
/// weights of output channel c are scaled by s[c] and the bias becomes (bias - mean) * s + beta.
/// </summary>
internal static class BatchNormFolding
{
    public static void Run(ModelGraph graph)
    {
        foreach (var bn in graph.Nodes.Where(n => n.OpType == "BatchNormalization").ToList())
        {
            var producer = GraphEdits.Producer(graph, bn.Inputs[0]);
            if (producer is null || !GraphEdits.OnlyFeeds(graph, bn.Inputs[0], bn) || bn.Outputs.Skip(1).Any(o => o.Length > 0)) continue;
            if (!TryGetAffine(graph, bn, out var scale, out var shift)) continue;
            var folded = producer.OpType switch
            {
                "Conv" => FoldIntoConv(graph, producer, scale, shift),
                "Gemm" => FoldIntoGemm(graph, producer, scale, shift),
                _ => false,
            };
            if (!folded) continue;
            producer.Outputs[0] = bn.Outputs[0];
            graph.Nodes.Remove(bn);
        }
    }

    /// <summary>BatchNormalization as y = x * scale[c] + shift[c], when all its parameters are constants.</summary>
    public static bool TryGetAffine(ModelGraph graph, Node bn, out float[] scale, out float[] shift)
    {
        scale = shift = Array.Empty<float>();
        var parameters = bn.Inputs.Skip(1).Take(4).Select(graph.GetValue).ToArray();
        if (parameters.Length != 4 || parameters.Any(p => p.Constant is null)) return false;
        var gamma = parameters[0].Constant!.ToFloats();
        var beta = parameters[1].Constant!.ToFloats();
        var mean = parameters[2].Constant!.ToFloats();
        var variance = parameters[3].Constant!.ToFloats();
        var epsilon = bn.GetFloat("epsilon", 1e-5f);
        var channels = gamma.Length;
        if (beta.Length != channels || mean.Length != channels || variance.Length != channels) return false;
        scale = new float[channels];
        shift = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            // Double precision here keeps the folded constants as close as possible to the unfolded math.
            var s = gamma[c] / Math.Sqrt(variance[c] + (double)epsilon);
            scale[c] = (float)s;
            shift[c] = (float)(beta[c] - (mean[c] * s));
        }

        return true;
    }

    private static bool FoldIntoConv(ModelGraph graph, Node conv, float[] scale, float[] shift)
    {
        var weights = graph.GetValue(conv.Inputs[1]);
        if (weights.Constant is null || weights.Dims![0] != scale.Length) return false;
        var bias = conv.HasInput(2) ? graph.GetValue(conv.Input(2)).Constant?.ToFloats() : new float[scale.Length];
        if (bias is null) return false;
        var w = weights.Constant.ToFloats();
        var perChannel = w.Length / scale.Length;
        for (var i = 0; i < w.Length; i++) w[i] *= scale[i / perChannel];
        var b = bias.Select((v, c) => (v * scale[c]) + shift[c]).ToArray();
        SetInputs(graph, conv, 1, TensorData.FromFloats(weights.Dims, w), TensorData.FromFloats(new long[] { b.Length }, b));
        return true;
    }

    private static bool FoldIntoGemm(ModelGraph graph, Node gemm, float[] scale, float[] shift)
    {
        var weights = graph.GetValue(gemm.Inputs[1]);
        var transB = gemm.GetInt("transB", 0) != 0;
        if (weights.Constant is null || weights.Dims![transB ? 0 : 1] != scale.Length) return false;
        var n = scale.Length;
        var beta = gemm.GetFloat("beta", 1f);
        float[] c;
        if (!gemm.HasInput(2))
        {
            c = new float[n];
        }
        else
        {
            var existing = graph.GetValue(gemm.Input(2));
            if (existing.Constant is null || existing.ElementCount is not 1 && existing.Dims![existing.Dims.Length - 1] != n || existing.ElementCount > n) return false;
            var values = existing.Constant.ToFloats();
            c = Enumerable.Range(0, n).Select(i => values[values.Length == 1 ? 0 : i] * beta).ToArray();
        }

        var w = weights.Constant.ToFloats();
        for (var i = 0; i < w.Length; i++) w[i] *= scale[transB ? i / weights.Dims[1] : i % n];
        var bias = c.Select((v, i) => (v * scale[i]) + shift[i]).ToArray();
        gemm.Attributes["beta"] = new AttributeValue { Kind = AttributeKind.Float, Float = 1f };
        SetInputs(graph, gemm, 1, TensorData.FromFloats(weights.Dims, w), TensorData.FromFloats(new long[] { n }, bias));
        return true;
    }

    private static void SetInputs(ModelGraph graph, Node node, int weightIndex, TensorData weights, TensorData bias)
    {
        node.Inputs[weightIndex] = GraphEdits.AddConstant(graph, node.Inputs[weightIndex] + "_bn", weights);
        var biasName = GraphEdits.AddConstant(graph, (node.HasInput(weightIndex + 1) ? node.Input(weightIndex + 1) : node.Outputs[0] + "_bias") + "_bn", bias);
        while (node.Inputs.Count <= weightIndex + 1) node.Inputs.Add("");
        node.Inputs[weightIndex + 1] = biasName;
    }
}
