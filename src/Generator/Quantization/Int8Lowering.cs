using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Tflite;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// Turns the float graph, with a quantization chosen for every activation, into the integer graph the int8
/// emitters compile: TFLite's operators and arithmetic (domain "tflite"), weights quantized per output channel,
/// int32 biases. The integer graph's input and output are int8, so the class gets the raw and the float overloads.
/// </summary>
internal sealed class Int8Lowering
{
    private readonly ModelGraph _source;
    private readonly IReadOnlyDictionary<string, QuantizationInfo> _activations;
    private readonly ModelGraph _target = new();

    private Int8Lowering(ModelGraph source, IReadOnlyDictionary<string, QuantizationInfo> activations)
    {
        _source = source;
        _activations = activations;
    }

    public static ModelGraph Lower(ModelGraph source, IReadOnlyDictionary<string, QuantizationInfo> activations)
    {
        var lowering = new Int8Lowering(source, activations);
        lowering._target.Name = source.Name;
        lowering._target.Producer = source.Producer;
        lowering._target.OpsetImports[TfliteOperatorCodes.BuiltinDomain] = 3;
        foreach (var input in source.Inputs) lowering.Activation(input, activations[input]);
        foreach (var node in source.Nodes) lowering.Lower(node);
        lowering._target.Inputs.AddRange(source.Inputs);
        lowering._target.Outputs.AddRange(source.Outputs);
        return lowering._target;
    }

    /// <summary>The fixed output quantization TFLite requires of an operator, or null when the calibrated one is used.</summary>
    public static QuantizationInfo? FixedOutput(Node node) => node.OpType switch
    {
        "Softmax" or "Sigmoid" => new QuantizationInfo(new[] { 1f / 256 }, new long[] { -128 }, 0),
        "Tanh" => new QuantizationInfo(new[] { 1f / 128 }, new long[] { 0 }, 0),
        _ => null,
    };

    private void Lower(Node node)
    {
        var output = node.Outputs[0];
        if (DenseLayer.From(_source, node) is { } dense)
        {
            Dense(node, dense);
            return;
        }

        switch (node.OpType)
        {
            case "Reshape" or "Flatten" or "Squeeze" or "Unsqueeze" or "Identity":
                // Same elements, same quantization: the planner aliases the memory.
                Activation(output, _target.GetValue(node.Inputs[0]).Quantization!);
                Add("RESHAPE", node, new[] { node.Inputs[0] });
                break;
            case "Add":
                if (!_source.GetValue(node.Inputs[0]).Dims!.SequenceEqual(_source.GetValue(node.Inputs[1]).Dims!) || node.Inputs.Any(i => _source.GetValue(i).IsConstant))
                {
                    throw Unsupported(node, "int8 Add needs two run-time inputs of the same shape");
                }

                Activation(output, _activations[output]);
                Add("ADD", node, node.Inputs.Take(2), FusedActivation(node));
                break;
            case "Softmax":
                var rank = _source.GetValue(node.Inputs[0]).Dims!.Length;
                var axis = node.GetInt("axis", _source.Opset() >= 13 ? -1 : 1);
                if ((axis < 0 ? axis + rank : axis) != rank - 1) throw Unsupported(node, "int8 Softmax is compiled over the last axis only");
                Activation(output, FixedOutput(node)!);
                Add("SOFTMAX", node, new[] { node.Inputs[0] }).Attributes["beta"] = new AttributeValue { Kind = AttributeKind.Float, Float = 1f };
                break;
            case "Sigmoid" or "Tanh":
                Activation(output, FixedOutput(node)!);
                Add(node.OpType == "Sigmoid" ? "LOGISTIC" : "TANH", node, new[] { node.Inputs[0] });
                break;
            default:
                throw Unsupported(node, "int8 build-time quantization does not handle this operator yet");
        }
    }

    private void Dense(Node node, DenseLayer dense)
    {
        var input = _target.GetValue(node.Inputs[0]).Quantization!;
        var (weights, scales) = ActivationQuantization.PerChannelWeights(dense.Weights, dense.Out, dense.In);
        var bias = ActivationQuantization.Bias(dense.Bias, input.Scales[0], scales);
        var prefix = (node.Name.Length > 0 ? node.Name : node.Outputs[0]) + "/";
        var weightBytes = new byte[weights.Length];
        Buffer.BlockCopy(weights, 0, weightBytes, 0, weights.Length);
        var weightValue = Constant(prefix + "weights", ElementType.Int8, new long[] { dense.Out, dense.In }, weightBytes, new QuantizationInfo(scales, new long[scales.Length], 0));
        var biasBytes = new byte[bias.Length * 4];
        Buffer.BlockCopy(bias, 0, biasBytes, 0, biasBytes.Length);
        var biasScales = scales.Select(s => input.Scales[0] * s).ToArray();
        var biasValue = Constant(prefix + "bias", ElementType.Int32, new long[] { dense.Out }, biasBytes, new QuantizationInfo(biasScales, new long[scales.Length], 0));
        Activation(node.Outputs[0], _activations[node.Outputs[0]]);
        Add("FULLY_CONNECTED", node, new[] { node.Inputs[0], weightValue, biasValue }, FusedActivation(node));
    }

    /// <summary>
    /// A fused activation as TFLite's clamp: Relu and Clip with a floor of 0 clamp at the zero point (their ceiling
    /// lies within the calibrated range, whose top is clamped anyway); other clips are within the range already.
    /// </summary>
    private static string FusedActivation(Node node) => node.Activation switch
    {
        null => "NONE",
        { Kind: ActivationKind.Relu } => "RELU",
        { Kind: ActivationKind.Clip, Min: 0, Max: 6 } => "RELU6",
        { Kind: ActivationKind.Clip, Min: 0 } => "RELU",
        { Kind: ActivationKind.Clip } => "NONE",
        _ => throw Unsupported(node, $"a fused {node.Activation.Kind} has no int8 form yet"),
    };

    private void Activation(string name, QuantizationInfo quantization)
    {
        var source = _source.GetValue(name);
        _target.AddValue(new Value(name, ElementType.Int8, (long[])source.Dims!.Clone()) { Quantization = quantization });
    }

    private string Constant(string name, ElementType type, long[] dims, byte[] bytes, QuantizationInfo quantization)
    {
        _target.AddValue(new Value(name, type, dims, new TensorData(type, dims, bytes)) { Quantization = quantization });
        return name;
    }

    private Node Add(string opType, Node source, IEnumerable<string> inputs, string? fusedActivation = null)
    {
        var node = new Node(source.Name, opType, TfliteOperatorCodes.BuiltinDomain, inputs, new[] { source.Outputs[0] });
        if (fusedActivation is not null) node.Attributes["fused_activation_function"] = new AttributeValue { Kind = AttributeKind.String, String = fusedActivation };
        _target.Nodes.Add(node);
        return node;
    }

    private static ModelException Unsupported(Node node, string reason) => new($"Node {node.Describe()}: {reason}.", DiagnosticIds.UnsupportedModel);
}
