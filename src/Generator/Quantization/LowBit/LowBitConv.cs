using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// A float Conv the low-bit schemes can lower: one group, constant 4-D weights and bias, within the runtime
/// TernaryConv2D's stack limits. Seen as a <see cref="DenseLayer"/> of Out = M rows over In = C x KH x KW (ONNX's
/// weight order), so the ternary and binary weight rules apply unchanged.
/// </summary>
internal static class LowBitConv
{
    public const string OpType = "TernaryConv";

    /// <summary>The runtime TernaryConv2D's MaximumWindow and MaximumOutChannels.</summary>
    public const int MaximumWindow = 4096, MaximumOutChannels = 1024;

    /// <summary>The conv as a layer of its output channels, or null when it is not one this lowering handles.</summary>
    public static DenseLayer? AsLayer(ModelGraph graph, Node node)
    {
        if (node.OpType != "Conv" || node.Domain != "" || node.GetInt("group", 1) != 1 || !node.HasInput(1)) return null;
        var weights = graph.GetValue(node.Inputs[1]);
        if (weights.Constant is null || weights.Dims!.Length != 4) return null;
        var outChannels = (int)weights.Dims[0];
        var window = (int)(weights.Dims[1] * weights.Dims[2] * weights.Dims[3]);
        if (window > MaximumWindow || outChannels > MaximumOutChannels) return null;
        var bias = new float[outChannels];
        if (node.HasInput(2))
        {
            var b = graph.GetValue(node.Input(2));
            if (b.Constant is null || b.ElementCount != outChannels) return null;
            bias = b.Constant.ToFloats();
        }

        return new DenseLayer(1, window, outChannels, weights.Constant.ToFloats(), bias, node.Activation);
    }

    /// <summary>
    /// The TernaryConv node in place of the conv: input, bit-planes, scales, bias; the conv's attributes with an
    /// explicit kernel_shape, and the scales shaped [M, 1, 1, 1] so the conv geometry reads M and the rank from them.
    /// </summary>
    public static Node Replace(ModelGraph graph, Node node, DenseLayer layer, TernaryWeights ternary, string domain)
    {
        var dims = graph.GetValue(node.Inputs[1]).Dims!;
        var planes = GraphEdits.AddConstant(graph, node.Outputs[0] + "_ternary_planes", new TensorData(ElementType.UInt8, new long[] { ternary.Planes.Length }, ternary.Planes));
        var scales = GraphEdits.AddConstant(graph, node.Outputs[0] + "_ternary_scales", TensorData.FromFloats(new long[] { layer.Out, 1, 1, 1 }, ternary.Scales));
        var bias = GraphEdits.AddConstant(graph, node.Outputs[0] + "_bias", TensorData.FromFloats(new long[] { layer.Out }, layer.Bias));
        var lowered = new Node(node.Name, OpType, domain, new[] { node.Inputs[0], planes, scales, bias }, node.Outputs) { Activation = layer.Activation };
        foreach (var attribute in node.Attributes) lowered.Attributes[attribute.Key] = attribute.Value;
        lowered.Attributes["kernel_shape"] = new AttributeValue { Kind = AttributeKind.Ints, Ints = dims.Skip(2).ToArray() };
        graph.Nodes[graph.Nodes.IndexOf(node)] = lowered;
        return lowered;
    }

    /// <summary>The graph's conv weights replaced by <paramref name="values"/> (same order), for the agreement simulation.</summary>
    public static void ReplaceWeights(ModelGraph graph, Node node, float[] values)
    {
        var weights = graph.GetValue(node.Inputs[1]);
        graph.AddValue(new Value(weights.Name, weights.Type, weights.Dims, TensorData.FromFloats(weights.Dims!, values)));
    }
}
