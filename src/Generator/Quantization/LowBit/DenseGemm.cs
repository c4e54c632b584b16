using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>Writes a <see cref="DenseLayer"/> back into a graph as a plain float Gemm.</summary>
internal static class DenseGemm
{
    /// <summary>The node becomes a Gemm (transB = 1) over the layer's weights and bias: same input, output and activation.</summary>
    public static void Replace(ModelGraph graph, Node node, DenseLayer layer)
    {
        var weights = GraphEdits.AddConstant(graph, node.Outputs[0] + "_dense_weights", TensorData.FromFloats(new long[] { layer.Out, layer.In }, layer.Weights));
        var bias = GraphEdits.AddConstant(graph, node.Outputs[0] + "_dense_bias", TensorData.FromFloats(new long[] { layer.Out }, layer.Bias));
        var gemm = new Node(node.Name, "Gemm", "", new[] { node.Inputs[0], weights, bias }, node.Outputs) { Activation = layer.Activation };
        gemm.Attributes["transB"] = new AttributeValue { Kind = AttributeKind.Int, Int = 1 };
        graph.Nodes[graph.Nodes.IndexOf(node)] = gemm;
    }
}
