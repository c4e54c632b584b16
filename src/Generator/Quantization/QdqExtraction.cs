using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// Reads an ONNX QDQ model's activation quantization: every QuantizeLinear whose output only feeds
/// DequantizeLinear nodes with the same parameters marks its input tensor's int8 range. The pair is removed and the
/// float graph rewired, so the int8 lowering sees the float model plus the ranges the quantizer chose. uint8
/// parameters become the int8 ones that represent the same values (zero point - 128). Weights were already
/// dequantized by constant folding, which keeps their integers.
/// </summary>
internal static class QdqExtraction
{
    /// <summary>
    /// A QDQ model has a QuantizeLinear whose output a DequantizeLinear reads; QuantizeLinear and DequantizeLinear
    /// on their own (quantized graph inputs or outputs) are operators of the float graph.
    /// </summary>
    public static bool IsQdq(ModelGraph graph) => graph.Nodes.Any(q => q.Domain.Length == 0 && q.OpType == "QuantizeLinear" &&
        graph.Nodes.Any(d => d.Domain.Length == 0 && d.OpType == "DequantizeLinear" && d.Inputs.Count > 0 && d.Inputs[0] == q.Outputs[0]));

    public static Dictionary<string, QuantizationInfo> Run(ModelGraph graph)
    {
        var activations = new Dictionary<string, QuantizationInfo>();
        foreach (var quantize in graph.Nodes.Where(n => n.OpType == "QuantizeLinear").ToList())
        {
            var parameters = Parameters(graph, quantize);
            var consumers = graph.Nodes.Where(n => n.Inputs.Contains(quantize.Outputs[0])).ToList();
            if (consumers.Count == 0 || consumers.Any(d => d.OpType != "DequantizeLinear" || d.Inputs[0] != quantize.Outputs[0] || !Same(Parameters(graph, d), parameters)) || graph.Outputs.Contains(quantize.Outputs[0]))
            {
                throw new ModelException($"Node {quantize.Describe()}: a QuantizeLinear must feed only DequantizeLinear nodes with its own scale and zero point (a QDQ pair); other uses of quantized tensors are not supported.", DiagnosticIds.UnsupportedModel);
            }

            var real = quantize.Inputs[0];
            activations[real] = parameters;
            foreach (var dequantize in consumers)
            {
                Rewire(graph, dequantize.Outputs[0], real);
                graph.Nodes.Remove(dequantize);
            }

            graph.Nodes.Remove(quantize);
        }

        var left = graph.Nodes.Where(n => n.OpType is "QuantizeLinear" or "DequantizeLinear").Select(n => n.Describe()).ToList();
        if (left.Count > 0)
        {
            throw new ModelException($"These DequantizeLinear nodes read run-time tensors that no QuantizeLinear pairs with: {string.Join(", ", left)}.", DiagnosticIds.UnsupportedModel);
        }

        return activations;
    }

    /// <summary>
    /// The nodes ONNX Runtime runs in float, reading dequantized inputs: those no QDQ pair quantizes (their output stays
    /// float), operators the integer graph has no form for (Div, Sub, ReduceMean...; a QDQ pair on the output then
    /// quantizes it), and Add and Mul with a constant operand. Reshapes, transposes, max pooling and zero padding stay
    /// integer: on the quantized values they give exactly the dequantized result, keeping their input's quantization.
    /// An unnamed node is named after its output, so the set names each node once.
    /// </summary>
    public static HashSet<string> FloatNodes(ModelGraph graph, IReadOnlyDictionary<string, QuantizationInfo> ranges) => new(graph.Nodes
        .Where(n => !KeepsQuantization(n) && (!ranges.ContainsKey(n.Outputs[0]) || !HasIntegerForm(n) || (n.OpType is "Add" or "Mul" && n.Inputs.Any(i => graph.GetValue(i).IsConstant))))
        .Select(n => n.Name.Length > 0 ? n.Name : n.Name = n.Outputs[0]));

    private static bool KeepsQuantization(Node node) => node.OpType is "Reshape" or "Flatten" or "Squeeze" or "Unsqueeze" or "Identity" or "Transpose" or "MaxPool" or "Pad";

    private static bool HasIntegerForm(Node node) => node.OpType is "Conv" or "Gemm" or "MatMul" or "AveragePool" or "GlobalAveragePool" or "Add" or "Mul" or "Concat" or "Softmax" or "Sigmoid" or "Tanh";

    /// <summary>Per-tensor scale and zero point in int8 form.</summary>
    private static QuantizationInfo Parameters(ModelGraph graph, Node node)
    {
        var scale = node.HasInput(1) ? graph.GetValue(node.Input(1)).Constant : null;
        var zeroPoint = node.HasInput(2) ? graph.GetValue(node.Input(2)).Constant : null;
        if (scale is null || scale.ElementCount != 1 || (node.HasInput(2) && (zeroPoint is null || zeroPoint.ElementCount != 1)))
        {
            throw new ModelException($"Node {node.Describe()}: activations must be quantized per tensor with constant scale and zero point.", DiagnosticIds.UnsupportedModel);
        }

        var isUnsigned = zeroPoint is null || zeroPoint.Type == ElementType.UInt8;
        var zero = zeroPoint is null ? 0 : zeroPoint.ToInt64s()[0];
        if (!isUnsigned && zeroPoint!.Type != ElementType.Int8)
        {
            throw new ModelException($"Node {node.Describe()}: {zeroPoint.Type.DisplayName()} quantization is not supported; activations must be int8 or uint8.", DiagnosticIds.UnsupportedModel);
        }

        return new QuantizationInfo(new[] { scale.ToFloats()[0] }, new[] { isUnsigned ? zero - 128 : zero }, 0);
    }

    private static bool Same(QuantizationInfo a, QuantizationInfo b) => a.Scales[0] == b.Scales[0] && a.ZeroPoints[0] == b.ZeroPoints[0];

    /// <summary>Readers of <paramref name="from"/> read <paramref name="to"/> instead; a graph output keeps its tensor's new name.</summary>
    private static void Rewire(ModelGraph graph, string from, string to)
    {
        foreach (var node in graph.Nodes)
        {
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i] == from) node.Inputs[i] = to;
            }
        }

        for (var i = 0; i < graph.Outputs.Count; i++)
        {
            if (graph.Outputs[i] == from) graph.Outputs[i] = to;
        }
    }
}
