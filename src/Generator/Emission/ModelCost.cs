using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission;

/// <summary>
/// Multiply-accumulates per inference of the layers that do them: convolutions, dense layers and matrix products,
/// in either dialect (ONNX float or TFLite integer). Elementwise work, pooling and softmax are not counted.
/// </summary>
internal static class ModelCost
{
    public static long MultiplyAccumulates(ModelGraph graph) => graph.Nodes.Sum(n => Of(graph, n));

    private static long Of(ModelGraph graph, Node node)
    {
        long Count(string name) => graph.GetValue(name).ElementCount;
        long[] Dims(int input) => graph.GetValue(node.Inputs[input]).Dims!;
        switch (node.OpType)
        {
            case "Conv":
                // Each output element sums in/groups x kernel taps.
                var w = Dims(1);
                return Count(node.Outputs[0]) * w.Skip(1).Aggregate(1L, (a, d) => a * d);
            case "Gemm" or "MatMul":
                var k = node.OpType == "Gemm" && node.GetInt("transA", 0) != 0 ? Dims(0)[0] : Dims(0).Last();
                return Count(node.Outputs[0]) * k;
            case "CONV_2D":
                return Count(node.Outputs[0]) * Dims(1).Skip(1).Aggregate(1L, (a, d) => a * d);
            case "DEPTHWISE_CONV_2D":
                return Count(node.Outputs[0]) * Dims(1)[1] * Dims(1)[2];
            case "FULLY_CONNECTED":
                return Count(node.Outputs[0]) * Dims(1)[1];
            case Quantization.LowBit.LowBitLowering.SparseGemm:
                // Only the stored nonzeros are multiplied; bias is the last input, one value per output.
                return Count(node.Outputs[0]) / Count(node.Inputs.Last()) * Count(node.Inputs[1]);
            case Quantization.LowBit.LowBitLowering.TernaryGemm or Quantization.LowBit.LowBitConv.OpType:
                // Each set bit of the planes is one add or subtract per input row (per output pixel of a conv).
                var setBits = graph.GetValue(node.Inputs[1]).Constant!.Bytes.Sum(b => Enumerable.Range(0, 8).Count(i => (b >> i & 1) != 0));
                return Count(node.Outputs[0]) / Count(node.Inputs.Last()) * setBits;
            case Quantization.LowBit.LowBitLowering.XnorGemm:
                return Count(node.Outputs[0]) * node.GetInt(Quantization.LowBit.LowBitLowering.InputsAttribute, 0);
            default:
                return 0;
        }
    }
}
