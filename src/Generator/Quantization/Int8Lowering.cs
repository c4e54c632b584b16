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
/// int32 biases. The integer graph's input and output are int8, so the class gets the raw and the float overloads;
/// it computes channels-last, and its rank-4 input and output are relaid from and to NCHW at the edges.
/// </summary>
internal sealed partial class Int8Lowering
{
    private readonly ModelGraph _source;
    private readonly IReadOnlyDictionary<string, QuantizationInfo> _activations;
    private readonly WeightGrid _weightGrid;
    private readonly ISet<string> _floatNodes;
    private readonly bool _quantizesInputs;
    private readonly ISet<string> _int8WeightNodes;
    private readonly ModelGraph _target = new();

    /// <summary>Source tensor name to the float tensor holding it in ONNX layout, around nodes kept in float32.</summary>
    private readonly Dictionary<string, string> _floats = new();

    /// <summary>Source tensor name to the integer graph's tensor holding it (an NHWC view of a graph input, say).</summary>
    private readonly Dictionary<string, string> _names = new();

    /// <summary>Flattened images held in (h, w, c) order instead of ONNX's (c, h, w): their consumers' weights are permuted.</summary>
    private readonly Dictionary<string, (int Channels, int Height, int Width)> _channelsLast = new();

    private Int8Lowering(ModelGraph source, IReadOnlyDictionary<string, QuantizationInfo> activations, WeightGrid weightGrid, ISet<string> floatNodes, ISet<string> int8WeightNodes, bool quantizesInputs)
    {
        _quantizesInputs = quantizesInputs;
        _source = source;
        _activations = activations;
        _weightGrid = weightGrid;
        _floatNodes = floatNodes;
        _int8WeightNodes = int8WeightNodes;
    }

    /// <param name="weightGrid">How weights the model does not quantize itself are quantized; null for per-channel int8.</param>
    /// <param name="floatNodes">Names of nodes kept in float32 (mixed precision); null for none.</param>
    /// <param name="int8WeightNodes">Layers quantized on the int8 grid whatever <paramref name="weightGrid"/> says; null for none.</param>
    /// <param name="quantizesInputs">
    /// Whether graph inputs and outputs with a range are quantized even next to float nodes (a QDQ model's pair on an
    /// input or output, which ONNX Runtime applies); otherwise such a tensor stays float.
    /// </param>
    public static ModelGraph Lower(ModelGraph source, IReadOnlyDictionary<string, QuantizationInfo> activations, WeightGrid? weightGrid = null, ISet<string>? floatNodes = null, ISet<string>? int8WeightNodes = null, bool quantizesInputs = false)
    {
        var lowering = new Int8Lowering(source, activations, weightGrid ?? WeightGrid.Int8PerChannel, floatNodes ?? new HashSet<string>(), int8WeightNodes ?? new HashSet<string>(), quantizesInputs);
        lowering._target.Name = source.Name;
        lowering._target.Producer = source.Producer;
        // Float nodes are compiled by the ONNX emitters, which read the model's opsets.
        if (lowering._floatNodes.Count > 0)
        {
            foreach (var entry in source.OpsetImports) lowering._target.OpsetImports[entry.Key] = entry.Value;
        }

        lowering._target.OpsetImports[TfliteOperatorCodes.BuiltinDomain] = 3;
        foreach (var input in source.Inputs) lowering.GraphInput(input);
        foreach (var node in source.Nodes) lowering.Lower(node);
        foreach (var output in source.Outputs) lowering.GraphOutput(output);
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
        if (IsFloat(node))
        {
            FloatNode(node);
            return;
        }

        if (DenseLayer.From(_source, node) is { } dense)
        {
            Dense(node, dense);
            return;
        }

        switch (node.OpType)
        {
            case "Reshape" or "Flatten" or "Squeeze" or "Unsqueeze" or "Identity":
                // Same elements in the same order (checked), same quantization: the planner aliases the memory. A
                // flattened image feeding only dense layers stays channels-last; the layers' weights follow it.
                if (!FlattensForDenseLayers(node)) RequireSameOrder(node, node.Inputs[0]);
                RequireSameOrder(node, output);
                Activation(output, _target.GetValue(Name(node.Inputs[0])).Quantization!);
                Add("RESHAPE", node, new[] { Name(node.Inputs[0]) });
                break;
            case "Conv":
                Conv(node);
                break;
            case "MaxPool" or "AveragePool" or "GlobalAveragePool":
                Pool(node);
                break;
            case "Add" or "Mul":
                // Broadcasting works on the channels-last shapes when both inputs have the output's rank.
                if (node.Inputs.Any(i => _source.GetValue(i).IsConstant || _source.GetValue(i).Dims!.Length != _source.GetValue(output).Dims!.Length))
                {
                    throw Unsupported(node, $"int8 {node.OpType} needs two run-time inputs of the output's rank");
                }

                Activation(output, Range(output));
                Add(node.OpType.ToUpperInvariant(), node, node.Inputs.Take(2).Select(Name), FusedActivation(node));
                break;
            case "Concat":
                Concat(node);
                break;
            case "Pad":
                Pad(node);
                break;
            case "Softmax":
                var rank = _source.GetValue(node.Inputs[0]).Dims!.Length;
                var axis = node.GetInt("axis", _source.Opset() >= 13 ? -1 : 1);
                if (rank == 4 || (axis < 0 ? axis + rank : axis) != rank - 1) throw Unsupported(node, "int8 Softmax is compiled over the last axis of a tensor of rank below 4 only");
                Activation(output, FixedOutput(node)!);
                Add("SOFTMAX", node, new[] { Name(node.Inputs[0]) }).Attributes["beta"] = new AttributeValue { Kind = AttributeKind.Float, Float = 1f };
                break;
            case "Transpose":
                EdgeTranspose(node);
                break;
            case "Sigmoid" or "Tanh":
                Activation(output, FixedOutput(node)!);
                Add(node.OpType == "Sigmoid" ? "LOGISTIC" : "TANH", node, new[] { Name(node.Inputs[0]) });
                break;
            default:
                throw Unsupported(node, "int8 build-time quantization does not handle this operator yet");
        }
    }

    /// <summary>
    /// Conv becomes CONV_2D (OHWI weights) or, when each group is one input channel, DEPTHWISE_CONV_2D (1HWO
    /// weights); weights are quantized per output channel in ONNX's [out][in/groups][kh][kw] order first.
    /// </summary>
    private void Conv(Node node)
    {
        var s = Window2D.Of(_source, node);
        var groups = (int)node.GetInt("group", 1);
        var depthwise = groups > 1 && groups == s.InChannels && s.OutChannels % s.InChannels == 0;
        if (groups != 1 && !depthwise) throw Unsupported(node, $"grouped convolution ({groups} groups of {s.InChannels / groups} channels) has no int8 form yet");

        var input = _target.GetValue(Name(node.Inputs[0])).Quantization!;
        var perGroupIn = s.InChannels / groups;
        var taps = s.KernelHeight * s.KernelWidth;
        var model = ModelLevels(_source.GetValue(node.Inputs[1]), s.OutChannels);
        var parts = model is { } stored ? PartCount(stored.Levels) : 1;
        // A depthwise conv cannot sum repeated channels, so levels outside int8 are quantized afresh there.
        if (depthwise && parts > 1) (model, parts) = (null, 1);
        var fresh = model is null ? ActivationQuantization.Weights(_source.GetValue(node.Inputs[1]).Constant!.ToFloats(), s.OutChannels, perGroupIn * taps, _weightGrid.ForLayer(node.Name, _int8WeightNodes)) : default;
        var scales = model?.Scales ?? fresh.Scales;
        var layout = new sbyte[s.OutChannels * perGroupIn * taps * parts];
        for (var o = 0; o < s.OutChannels; o++)
        for (var i = 0; i < perGroupIn; i++)
        for (var t = 0; t < taps; t++)
        for (var p = 0; p < parts; p++)
        {
            var source = (o * perGroupIn + i) * taps + t;
            var target = depthwise ? t * s.OutChannels + o : ((o * taps + t) * parts + p) * perGroupIn + i;
            layout[target] = model is { } m ? LevelPart(m.Levels[source], p) : fresh.Values[source];
        }

        var bias = node.HasInput(2) ? _source.GetValue(node.Input(2)).Constant!.ToFloats() : new float[s.OutChannels];
        var weightDims = depthwise ? new long[] { 1, s.KernelHeight, s.KernelWidth, s.OutChannels } : new long[] { s.OutChannels, s.KernelHeight, s.KernelWidth, perGroupIn * parts };
        var (weightName, biasName) = WeightsAndBias(node, layout, weightDims, depthwise ? 3 : 0, scales, bias, input.Scales[0]);
        Activation(node.Outputs[0], Range(node.Outputs[0]));
        var conv = Add(depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D", node, new[] { RepeatedChannels(node, node.Inputs[0], parts), weightName, biasName }, FusedActivation(node));
        SetWindow(conv, s);
        conv.Attributes["dilation_h_factor"] = Int(s.DilationHeight);
        conv.Attributes["dilation_w_factor"] = Int(s.DilationWidth);
        if (depthwise) conv.Attributes["depth_multiplier"] = Int(s.OutChannels / s.InChannels);
    }

    /// <summary>TFLite pooling keeps its input's quantization, and averages over in-range taps only (ONNX's count_include_pad = 0).</summary>
    private void Pool(Node node)
    {
        var s = node.OpType == "GlobalAveragePool" ? Window2D.Global(_source, node) : Window2D.Of(_source, node);
        Activation(node.Outputs[0], _target.GetValue(Name(node.Inputs[0])).Quantization!);
        var pool = Add(node.OpType == "MaxPool" ? "MAX_POOL_2D" : "AVERAGE_POOL_2D", node, new[] { Name(node.Inputs[0]) }, "NONE");
        SetWindow(pool, s);
        pool.Attributes["filter_height"] = Int(s.KernelHeight);
        pool.Attributes["filter_width"] = Int(s.KernelWidth);
    }

    /// <summary>
    /// Whether the node flattens a rank-4 image to [N, C*H*W] for consumers that are all dense layers; if so, the
    /// flattened tensor is marked as (h, w, c) ordered.
    /// </summary>
    private bool FlattensForDenseLayers(Node node)
    {
        var x = _source.GetValue(node.Inputs[0]).Dims!;
        var y = _source.GetValue(node.Outputs[0]).Dims!;
        var consumers = _source.Nodes.Where(n => n.Inputs.Contains(node.Outputs[0])).ToList();
        if (x.Length != 4 || y.Length != 2 || y[0] != x[0] || consumers.Count == 0 || _source.Outputs.Contains(node.Outputs[0])) return false;
        if (!consumers.All(n => n.Inputs[0] == node.Outputs[0] && !IsFloat(n) && DenseLayer.From(_source, n) is not null)) return false;
        _channelsLast[node.Outputs[0]] = ((int)x[1], (int)x[2], (int)x[3]);
        return true;
    }

    /// <summary>The dense layer's weights with columns reordered from (c, h, w) to (h, w, c) when its input was flattened channels-last.</summary>
    private float[] ChannelsLastColumns(string input, DenseLayer dense)
    {
        if (!_channelsLast.TryGetValue(input, out var image)) return dense.Weights;
        var weights = new float[dense.Weights.Length];
        for (var o = 0; o < dense.Out; o++)
        for (var c = 0; c < image.Channels; c++)
        for (var p = 0; p < image.Height * image.Width; p++)
        {
            weights[o * dense.In + p * image.Channels + c] = dense.Weights[o * dense.In + c * image.Height * image.Width + p];
        }

        return weights;
    }

    private static void SetWindow(Node node, Window2D s)
    {
        node.Attributes["padding"] = new AttributeValue { Kind = AttributeKind.String, String = "EXPLICIT" };
        node.Attributes["pad_top"] = Int(s.PadTop);
        node.Attributes["pad_left"] = Int(s.PadLeft);
        node.Attributes["stride_h"] = Int(s.StrideHeight);
        node.Attributes["stride_w"] = Int(s.StrideWidth);
    }

    private static AttributeValue Int(long value) => new() { Kind = AttributeKind.Int, Int = value };

    /// <summary>
    /// A rank-4 graph input is NCHW; the integer graph computes NHWC. With one channel or one pixel the two orders
    /// are the same, so a RESHAPE gives the NHWC view without moving data; otherwise a TRANSPOSE moves it.
    /// </summary>
    private void GraphInput(string name)
    {
        if (FloatGraphInput(name) || ChannelsLastGraphInput(name)) return;
        var dims = _source.GetValue(name).Dims!;
        _target.AddValue(new Value(name, ElementType.Int8, (long[])dims.Clone()) { Quantization = Range(name) });
        if (dims.Length != 4) return;
        var view = name + "/nhwc";
        _target.AddValue(new Value(view, ElementType.Int8, Nhwc(dims)) { Quantization = Range(name) });
        Relayout(name, view, dims, toChannelsLast: true);
        _names[name] = view;
    }

    /// <summary>A rank-4 graph output computed NHWC is given back NCHW the same way.</summary>
    private void GraphOutput(string name)
    {
        if (!_names.TryGetValue(name, out var computed) || computed == name) return;
        var value = _target.GetValue(computed);
        var dims = _source.GetValue(name).Dims!;
        _target.AddValue(new Value(name, ElementType.Int8, (long[])dims.Clone()) { Quantization = value.Quantization });
        Relayout(computed, name, dims, toChannelsLast: false);
    }

    /// <summary>A RESHAPE (no data movement) when NCHW and NHWC orders agree, else a TRANSPOSE with a constant permutation.</summary>
    private void Relayout(string from, string to, long[] nchw, bool toChannelsLast)
    {
        if (nchw[1] == 1 || nchw[2] * nchw[3] == 1)
        {
            _target.Nodes.Add(new Node(to, "RESHAPE", TfliteOperatorCodes.BuiltinDomain, new[] { from }, new[] { to }));
            return;
        }

        var perm = Constant(to + "/perm", ElementType.Int32, new long[] { 4 }, Int32Bytes(toChannelsLast ? new[] { 0, 2, 3, 1 } : new[] { 0, 3, 1, 2 }), new QuantizationInfo(new[] { 1f }, new long[1], 0));
        _target.Nodes.Add(new Node(to, "TRANSPOSE", TfliteOperatorCodes.BuiltinDomain, new[] { from, perm }, new[] { to }));
    }

    private static byte[] Int32Bytes(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private void RequireSameOrder(Node node, string name)
    {
        var dims = _source.GetValue(name).Dims!;
        if (dims.Length == 4 && dims[1] != 1 && dims[2] * dims[3] != 1)
        {
            throw new ModelException($"Node {node.Describe()}: the int8 graph computes channels-last, and tensor '{name}' {Shape.Format(dims)} has several channels and pixels, so its NCHW order would need a transpose, which is not supported yet.", DiagnosticIds.UnsupportedModel);
        }
    }

    private static long[] Nhwc(long[] dims) => dims.Length == 4 ? new[] { dims[0], dims[2], dims[3], dims[1] } : (long[])dims.Clone();

    /// <summary>The chosen int8 quantization of a float tensor; a QDQ model that leaves one out cannot be lowered.</summary>
    private QuantizationInfo Range(string name) => _activations.TryGetValue(name, out var q)
        ? q
        : throw new ModelException($"Tensor '{name}' has no int8 quantization: in a QDQ model every tensor between integer operators needs a QuantizeLinear/DequantizeLinear pair.", DiagnosticIds.UnsupportedModel);

    private string Name(string source) => _names.TryGetValue(source, out var name) ? name : source;

    private void Dense(Node node, DenseLayer dense)
    {
        RequireSameOrder(node, node.Inputs[0]);
        var input = _target.GetValue(Name(node.Inputs[0])).Quantization!;
        var (weights, scales) = ActivationQuantization.Weights(ChannelsLastColumns(node.Inputs[0], dense), dense.Out, dense.In, _weightGrid.ForLayer(node.Name, _int8WeightNodes));
        var (weightName, biasName) = WeightsAndBias(node, weights, new long[] { dense.Out, dense.In }, 0, scales, dense.Bias, input.Scales[0]);
        Activation(node.Outputs[0], Range(node.Outputs[0]));
        Add("FULLY_CONNECTED", node, new[] { Name(node.Inputs[0]), weightName, biasName }, FusedActivation(node));
    }

    /// <summary>Adds the int8 weights (per-channel along <paramref name="channelAxis"/>) and the int32 bias as constants.</summary>
    private (string Weights, string Bias) WeightsAndBias(Node node, sbyte[] weights, long[] weightDims, int channelAxis, float[] scales, float[] bias, float inputScale)
    {
        var prefix = (node.Name.Length > 0 ? node.Name : node.Outputs[0]) + "/";
        var weightBytes = new byte[weights.Length];
        Buffer.BlockCopy(weights, 0, weightBytes, 0, weights.Length);
        var weightName = Constant(prefix + "weights", ElementType.Int8, weightDims, weightBytes, new QuantizationInfo(scales, new long[scales.Length], channelAxis));
        var quantizedBias = ActivationQuantization.Bias(bias, inputScale, scales);
        var biasName = Constant(prefix + "bias", ElementType.Int32, new long[] { quantizedBias.Length }, Int32Bytes(quantizedBias), new QuantizationInfo(scales.Select(w => inputScale * w).ToArray(), new long[scales.Length], 0));
        return (weightName, biasName);
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

    /// <summary>
    /// The int8 tensor for a node output, channels-last when it has rank 4; a rank-4 graph output is computed under
    /// another name and viewed back as NCHW by <see cref="GraphOutput"/>.
    /// </summary>
    private void Activation(string name, QuantizationInfo quantization)
    {
        var dims = _source.GetValue(name).Dims!;
        if (dims.Length == 4 && _source.Outputs.Contains(name))
        {
            _names[name] = name + "/nhwc";
        }

        _target.AddValue(new Value(Name(name), ElementType.Int8, Nhwc(dims)) { Quantization = quantization });
    }

    private string Constant(string name, ElementType type, long[] dims, byte[] bytes, QuantizationInfo quantization)
    {
        _target.AddValue(new Value(name, type, dims, new TensorData(type, dims, bytes)) { Quantization = quantization });
        return name;
    }

    private Node Add(string opType, Node source, IEnumerable<string> inputs, string? fusedActivation = null)
    {
        var node = new Node(source.Name, opType, TfliteOperatorCodes.BuiltinDomain, inputs, new[] { Name(source.Outputs[0]) });
        if (fusedActivation is not null) node.Attributes["fused_activation_function"] = new AttributeValue { Kind = AttributeKind.String, String = fusedActivation };
        _target.Nodes.Add(node);
        return node;
    }

    private static ModelException Unsupported(Node node, string reason) => new($"Node {node.Describe()}: {reason}.", DiagnosticIds.UnsupportedModel);
}
