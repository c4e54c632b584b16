using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;

namespace QuantizedModels.Generator.Export;

/// <summary>
/// The build-time quantized model as a QDQ ONNX model (what <c>ExportQdq</c> embeds): the float graph the build
/// calibrated, with a QuantizeLinear/DequantizeLinear pair on every tensor the int8 code quantizes (its scale and zero
/// point), and each Conv and dense layer reading DequantizeLinear of the same int8 per-channel weights and int32 biases
/// the int8 code computes with. Dense layers are written as Gemm (transB = 1), fused activations as their own nodes.
/// </summary>
internal sealed class QdqExport
{
    /// <summary>Per-channel DequantizeLinear (the axis attribute) needs opset 13.</summary>
    private const long MinimumOpset = 13;

    private readonly ModelGraph _graph;
    private readonly IReadOnlyDictionary<string, QuantizationInfo> _activations;
    private readonly WeightGrid _weightGrid;
    private readonly LayerOverrides _overrides;
    private readonly OnnxModelWriter _writer = new();

    private QdqExport(ModelGraph graph, IReadOnlyDictionary<string, QuantizationInfo> activations, WeightGrid weightGrid, LayerOverrides overrides)
    {
        _graph = graph;
        _activations = activations;
        _weightGrid = weightGrid;
        _overrides = overrides;
    }

    /// <param name="graph">The float graph after the passes, as calibrated.</param>
    /// <param name="activations">Each quantized tensor's scale and zero point in the int8 code, by float tensor name.</param>
    /// <param name="overrides">
    /// Nodes the int8 code keeps in float32 (written as they are, without weight quantization) and layers on the int8
    /// grid in an Int4 build.
    /// </param>
    public static byte[] Write(ModelGraph graph, IReadOnlyDictionary<string, QuantizationInfo> activations, WeightGrid weightGrid, LayerOverrides overrides)
    {
        if (graph.Opset() < MinimumOpset)
        {
            throw new ModelException($"ExportQdq writes ONNX opset {MinimumOpset} (per-channel DequantizeLinear) and keeps the model's operators as they are, but the model declares opset {graph.Opset()}; export it at opset {MinimumOpset} or later.", DiagnosticIds.UnsupportedScheme);
        }

        var export = new QdqExport(graph, activations, weightGrid, overrides);
        foreach (var input in graph.Inputs)
        {
            export._writer.AddInput(graph.GetValue(input));
            if (export.IsQuantized(input)) export.QuantizePair(input);
        }

        foreach (var node in graph.Nodes) export.Node(node);
        foreach (var output in graph.Outputs) export._writer.AddOutput(graph.GetValue(output));
        return export._writer.ToArray(graph.Name, graph.Opset());
    }

    private bool IsQuantized(string tensor) => _activations.ContainsKey(tensor);

    /// <summary>The name an operator writes a tensor under: a quantized graph output's pair writes the graph's own name.</summary>
    private string Produced(string tensor) => IsQuantized(tensor) && _graph.Outputs.Contains(tensor) ? tensor + "/float" : tensor;

    /// <summary>The name consumers read a tensor under: past its QuantizeLinear/DequantizeLinear pair when it has one.</summary>
    private string Read(string tensor)
    {
        if (tensor.Length == 0) return tensor;
        var value = _graph.GetValue(tensor);
        if (value.Constant is not null)
        {
            _writer.AddInitializer(tensor, value.Constant);
            return tensor;
        }

        return IsQuantized(tensor) && !_graph.Outputs.Contains(tensor) ? tensor + "/dequantized" : tensor;
    }

    private void Node(Node node)
    {
        var integer = !_overrides.Float.Contains(node.Name);
        var output = node.Outputs[0];
        var written = node.Activation is null ? Produced(output) : output + "/linear";
        var outputs = new[] { written }.Concat(node.Outputs.Skip(1).Select(Produced));
        if (integer && node.OpType == "Conv") Conv(node, outputs);
        else if (integer && DenseLayer.From(_graph, node) is { } dense) Gemm(node, dense, outputs);
        else _writer.AddNode(node.Name, node.OpType, node.Inputs.Select(Read).ToList(), outputs, node.Attributes);

        if (node.Activation is { } activation) Activation(node, activation, written, Produced(output));
        foreach (var tensor in node.Outputs.Where(IsQuantized)) QuantizePair(tensor);
    }

    private void Conv(Node node, IEnumerable<string> outputs)
    {
        var s = Window2D.Of(_graph, node);
        var depth = s.InChannels / (int)node.GetInt("group", 1) * s.KernelHeight * s.KernelWidth;
        var weights = _graph.GetValue(node.Inputs[1]);
        var bias = node.HasInput(2) ? _graph.GetValue(node.Input(2)).Constant!.ToFloats() : new float[s.OutChannels];
        var (weightName, biasName) = WeightsAndBias(node, weights.Constant!.ToFloats(), weights.Dims!, s.OutChannels, depth, bias);
        _writer.AddNode(node.Name, "Conv", new[] { Read(node.Inputs[0]), weightName, biasName }, outputs, node.Attributes);
    }

    private void Gemm(Node node, DenseLayer dense, IEnumerable<string> outputs)
    {
        if (_graph.GetValue(node.Inputs[0]).Dims!.Length != 2)
        {
            throw new ModelException($"Node {node.Describe()}: ExportQdq writes dense layers as Gemm, which takes a 2-D input, and this one reads {Shape.Format(_graph.GetValue(node.Inputs[0]).Dims)}.", DiagnosticIds.UnsupportedModel);
        }

        var (weightName, biasName) = WeightsAndBias(node, dense.Weights, new long[] { dense.Out, dense.In }, dense.Out, dense.In, dense.Bias);
        var transposed = new KeyValuePair<string, AttributeValue>("transB", new AttributeValue { Kind = AttributeKind.Int, Int = 1 });
        _writer.AddNode(node.Name, "Gemm", new[] { Read(node.Inputs[0]), weightName, biasName }, outputs, new[] { transposed });
    }

    /// <summary>
    /// The int8 weights [out, ...] and int32 bias the int8 code uses (same grid, same rounding), each behind a
    /// per-channel DequantizeLinear along axis 0; the bias scale is input scale x weight scale.
    /// </summary>
    private (string Weights, string Bias) WeightsAndBias(Node node, float[] floatWeights, long[] weightDims, int outChannels, int depth, float[] bias)
    {
        var prefix = node.Outputs[0] + "/";
        var inputScale = _activations[node.Inputs[0]].Scales[0];
        var (weights, scales) = ActivationQuantization.Weights(floatWeights, outChannels, depth, _weightGrid.ForLayer(node.Name, _overrides.Int8Weights));
        var weightBytes = new byte[weights.Length];
        Buffer.BlockCopy(weights, 0, weightBytes, 0, weights.Length);
        var weightName = Dequantized(prefix + "weights", new TensorData(ElementType.Int8, weightDims, weightBytes), scales, ElementType.Int8);

        var biasValues = ActivationQuantization.Bias(bias, inputScale, scales);
        var biasBytes = new byte[biasValues.Length * 4];
        Buffer.BlockCopy(biasValues, 0, biasBytes, 0, biasBytes.Length);
        var biasName = Dequantized(prefix + "bias", new TensorData(ElementType.Int32, new long[] { outChannels }, biasBytes), scales.Select(w => inputScale * w).ToArray(), ElementType.Int32);
        return (weightName, biasName);
    }

    /// <summary>An integer initializer with zero points of 0, dequantized per channel along axis 0.</summary>
    private string Dequantized(string name, TensorData integers, float[] scales, ElementType type)
    {
        var channels = new long[] { scales.Length };
        _writer.AddInitializer(name + "/quantized", integers);
        _writer.AddInitializer(name + "/scale", TensorData.FromFloats(channels, scales));
        _writer.AddInitializer(name + "/zero_point", new TensorData(type, channels, new byte[scales.Length * type.SizeInBytes()]));
        var axis = new KeyValuePair<string, AttributeValue>("axis", new AttributeValue { Kind = AttributeKind.Int, Int = 0 });
        _writer.AddNode(name + "/DequantizeLinear", "DequantizeLinear", new[] { name + "/quantized", name + "/scale", name + "/zero_point" }, new[] { name }, new[] { axis });
        return name;
    }

    /// <summary>The tensor's QuantizeLinear to int8 with its scale and zero point, and the DequantizeLinear consumers read.</summary>
    private void QuantizePair(string tensor)
    {
        var q = _activations[tensor];
        var scale = tensor + "/scale";
        var zeroPoint = tensor + "/zero_point";
        _writer.AddInitializer(scale, TensorData.FromFloats(new long[0], new[] { q.Scales[0] }));
        _writer.AddInitializer(zeroPoint, new TensorData(ElementType.Int8, new long[0], new[] { unchecked((byte)(sbyte)q.ZeroPoints[0]) }));
        _writer.AddNode(tensor + "/QuantizeLinear", "QuantizeLinear", new[] { Produced(tensor), scale, zeroPoint }, new[] { tensor + "/quantized" }, new KeyValuePair<string, AttributeValue>[0]);
        _writer.AddNode(tensor + "/DequantizeLinear", "DequantizeLinear", new[] { tensor + "/quantized", scale, zeroPoint }, new[] { Read(tensor) }, new KeyValuePair<string, AttributeValue>[0]);
    }

    /// <summary>A fused activation written back as its own node: Relu, Clip with constant bounds, or LeakyRelu.</summary>
    private void Activation(Node node, FusedActivation activation, string input, string output)
    {
        var name = node.Outputs[0] + "/" + activation.Kind;
        switch (activation.Kind)
        {
            case ActivationKind.Relu:
                _writer.AddNode(name, "Relu", new[] { input }, new[] { output }, new KeyValuePair<string, AttributeValue>[0]);
                break;
            case ActivationKind.Clip:
                _writer.AddInitializer(name + "/min", TensorData.FromFloats(new long[0], new[] { activation.Min }));
                _writer.AddInitializer(name + "/max", TensorData.FromFloats(new long[0], new[] { activation.Max }));
                _writer.AddNode(name, "Clip", new[] { input, name + "/min", name + "/max" }, new[] { output }, new KeyValuePair<string, AttributeValue>[0]);
                break;
            default:
                var alpha = new KeyValuePair<string, AttributeValue>("alpha", new AttributeValue { Kind = AttributeKind.Float, Float = activation.Alpha });
                _writer.AddNode(name, "LeakyRelu", new[] { input }, new[] { output }, new[] { alpha });
                break;
        }
    }
}
