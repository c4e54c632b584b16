using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// Rewrites a float32 TFLite graph as the ONNX-style graph the float path compiles: rank-4 tensors NCHW inside,
/// Conv with OIHW weights (depthwise as a grouped Conv), Gemm for FULLY_CONNECTED, fused activations as Relu/Clip/Tanh
/// nodes the fusion pass folds back. Rank-4 graph inputs and outputs stay NHWC, as TFLite feeds them, through a
/// Transpose at each edge.
/// </summary>
internal sealed class TfliteFloatTranslation
{
    private const long Opset = 13;
    private static readonly int[] NhwcToNchwAxis = { 0, 2, 3, 1 };

    private readonly ModelGraph _source;
    private readonly ModelGraph _target = new();

    /// <summary>TFLite tensor name to the graph tensor holding it, where they differ (rank-4 graph edges).</summary>
    private readonly Dictionary<string, string> _names = new();

    /// <summary>Rank-2 tensors flattened from an NHWC image, by their (height, width, channels): held in NCHW order here.</summary>
    private readonly Dictionary<string, (long H, long W, long C)> _flattenedImages = new();

    private TfliteFloatTranslation(ModelGraph source) => _source = source;

    /// <summary>A model whose every tensor is unquantized float32 or an int32 shape: nothing in it is integer arithmetic.</summary>
    public static bool IsFloat(ModelGraph graph) =>
        graph.Values.Values.All(v => v.Quantization is null && (v.Type == ElementType.Float || (v.Type == ElementType.Int32 && v.IsConstant)))
        && graph.Inputs.Concat(graph.Outputs).All(n => graph.GetValue(n).Type == ElementType.Float);

    public static ModelGraph Translate(ModelGraph source)
    {
        var translation = new TfliteFloatTranslation(source);
        var target = translation._target;
        target.Name = source.Name;
        target.Producer = source.Producer;
        target.OpsetImports[""] = Opset;
        target.OpsetImports[TfliteOperatorCodes.BuiltinDomain] = source.Opset(TfliteOperatorCodes.BuiltinDomain);
        foreach (var input in source.Inputs) translation.GraphInput(input);
        foreach (var output in source.Outputs.Where(o => source.GetValue(o).Dims!.Length == 4)) translation._names[output] = output + "/nchw";
        foreach (var node in source.Nodes) translation.Translate(node);
        foreach (var output in source.Outputs) translation.GraphOutput(output);
        target.Inputs.AddRange(source.Inputs);
        target.Outputs.AddRange(source.Outputs);
        return target;
    }

    private void GraphInput(string name)
    {
        var dims = _source.GetValue(name).Dims!;
        _target.AddValue(new Value(name, ElementType.Float, (long[])dims.Clone()));
        if (dims.Length != 4) return;
        _names[name] = name + "/nchw";
        Transpose(name, _names[name], new long[] { 0, 3, 1, 2 });
    }

    private void GraphOutput(string name)
    {
        var dims = _source.GetValue(name).Dims!;
        _target.AddValue(new Value(name, ElementType.Float, (long[])dims.Clone()));
        if (dims.Length == 4) Transpose(_names[name], name, new long[] { 0, 2, 3, 1 });
    }

    private void Translate(Node node)
    {
        switch (node.OpType)
        {
            case "CONV_2D" or "DEPTHWISE_CONV_2D":
                Conv(node);
                break;
            case "MAX_POOL_2D" or "AVERAGE_POOL_2D":
                Pool(node);
                break;
            case "FULLY_CONNECTED":
                FullyConnected(node);
                break;
            case "RESHAPE":
                Reshape(node);
                break;
            case "SOFTMAX":
                if (node.GetFloat("beta", 1f) != 1f) throw Unsupported(node, $"SOFTMAX with beta {node.GetFloat("beta", 1f)} (only 1) is not supported");
                Emit("Softmax", node, new[] { Input(node, 0) }, Output(node)).Attributes["axis"] = Int(Rank(node.Outputs[0]) == 4 ? 1 : -1);
                break;
            case "ADD" or "MUL":
                Activated(node, node.OpType == "ADD" ? "Add" : "Mul", new[] { Operand(node, 0), Operand(node, 1) });
                break;
            case "CONCATENATION":
                var axis = (int)node.GetInt("axis", 0);
                var rank = Rank(node.Outputs[0]);
                if (axis < 0) axis += rank;
                Activated(node, "Concat", node.Inputs.Select((_, i) => Operand(node, i)).ToArray()).Attributes["axis"] = Int(rank == 4 ? NhwcToNchwAxis[axis] : axis);
                break;
            case "LOGISTIC" or "TANH" or "RELU":
                Emit(node.OpType == "LOGISTIC" ? "Sigmoid" : node.OpType == "TANH" ? "Tanh" : "Relu", node, new[] { Input(node, 0) }, Output(node));
                break;
            case "RELU6":
                Clip(node, Input(node, 0), Output(node), 0f, 6f);
                break;
            case "RELU_N1_TO_1":
                Clip(node, Input(node, 0), Output(node), -1f, 1f);
                break;
            case "PAD":
                Pad(node);
                break;
            case "MEAN":
                Mean(node);
                break;
            default:
                throw Unsupported(node, "this operator is not translated for float TFLite models yet");
        }
    }

    /// <summary>OHWI weights become OIHW; depthwise 1HW(C·M) weights become (C·M)1HW in a Conv with one group per input channel.</summary>
    private void Conv(Node node)
    {
        var depthwise = node.OpType == "DEPTHWISE_CONV_2D";
        var weights = _source.GetValue(node.Inputs[1]);
        var w = weights.Dims!;
        var values = Constant(node, 1).ToFloats();
        var (outChannels, kh, kw, inChannels) = depthwise ? (w[3], w[1], w[2], 1L) : (w[0], w[1], w[2], w[3]);
        var oihw = new float[values.Length];
        for (long o = 0; o < outChannels; o++)
        for (long y = 0; y < kh; y++)
        for (long x = 0; x < kw; x++)
        for (long i = 0; i < inChannels; i++)
        {
            var from = depthwise ? ((y * kw) + x) * outChannels + o : (((o * kh) + y) * kw + x) * inChannels + i;
            oihw[(((o * inChannels) + i) * kh + y) * kw + x] = values[from];
        }

        var inputs = new List<string> { Input(node, 0), AddConstant(node.Outputs[0] + "/weights", new[] { outChannels, inChannels, kh, kw }, oihw) };
        if (node.HasInput(2)) inputs.Add(Input(node, 2));
        var conv = Activated(node, "Conv", inputs.ToArray());
        conv.Attributes["kernel_shape"] = Ints(kh, kw);
        conv.Attributes["group"] = Int(depthwise ? _source.GetValue(node.Inputs[0]).Dims![3] : 1);
        Window(node, conv, kh, kw, node.GetInt("dilation_h_factor", 1), node.GetInt("dilation_w_factor", 1));
        conv.Attributes["dilations"] = Ints(node.GetInt("dilation_h_factor", 1), node.GetInt("dilation_w_factor", 1));
    }

    private void Pool(Node node)
    {
        var (kh, kw) = (node.GetInt("filter_height", 1), node.GetInt("filter_width", 1));
        var pool = Activated(node, node.OpType == "MAX_POOL_2D" ? "MaxPool" : "AveragePool", new[] { Input(node, 0) });
        pool.Attributes["kernel_shape"] = Ints(kh, kw);
        Window(node, pool, kh, kw, 1, 1);
    }

    /// <summary>Strides and explicit pads; TFLite's SAME puts the odd padding row or column after, as ONNX's SAME_UPPER does.</summary>
    private void Window(Node node, Node target, long kh, long kw, long dh, long dw)
    {
        var (sh, sw) = (node.GetInt("stride_h", 1), node.GetInt("stride_w", 1));
        var input = _source.GetValue(node.Inputs[0]).Dims!;
        var same = node.GetString("padding", "SAME") == "SAME";
        var (top, bottom) = same ? SamePads(input[1], kh, sh, dh) : (0, 0);
        var (left, right) = same ? SamePads(input[2], kw, sw, dw) : (0, 0);
        target.Attributes["strides"] = Ints(sh, sw);
        target.Attributes["pads"] = Ints(top, left, bottom, right);
    }

    private static (long Before, long After) SamePads(long size, long kernel, long stride, long dilation)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + ((kernel - 1) * dilation) + 1 - size, 0);
        return (total / 2, total - (total / 2));
    }

    /// <summary>Gemm with the [out, in] weights transposed; an input flattened from an NHWC image gets its weight columns reordered to (c, h, w).</summary>
    private void FullyConnected(Node node)
    {
        var input = node.Inputs[0];
        var weights = _source.GetValue(node.Inputs[1]).Dims!;
        if (Rank(input) != 2) throw Unsupported(node, $"FULLY_CONNECTED on a rank-{Rank(input)} input is not translated yet (reshape it to [batch, features] first)");
        if (node.GetInt("keep_num_dims", 0) != 0) throw Unsupported(node, "FULLY_CONNECTED with keep_num_dims is not translated yet");
        var values = Constant(node, 1).ToFloats();
        if (_flattenedImages.TryGetValue(input, out var image)) values = ColumnsInChannelOrder(values, weights[0], image);
        var inputs = new List<string> { Input(node, 0), AddConstant(node.Outputs[0] + "/weights", (long[])weights.Clone(), values) };
        if (node.HasInput(2)) inputs.Add(Input(node, 2));
        Activated(node, "Gemm", inputs.ToArray()).Attributes["transB"] = Int(1);
    }

    private static float[] ColumnsInChannelOrder(float[] values, long rows, (long H, long W, long C) image)
    {
        var columns = image.H * image.W * image.C;
        var reordered = new float[values.Length];
        for (long r = 0; r < rows; r++)
        for (long y = 0; y < image.H; y++)
        for (long x = 0; x < image.W; x++)
        for (long c = 0; c < image.C; c++)
        {
            reordered[(r * columns) + (((c * image.H) + y) * image.W) + x] = values[(r * columns) + (((y * image.W) + x) * image.C) + c];
        }

        return reordered;
    }

    /// <summary>
    /// A reshape keeps TFLite's NHWC element order. Flattening an image to [batch, features] is exact when only
    /// FULLY_CONNECTED layers read it (their weights follow the NCHW order); other reshapes of several channels and
    /// pixels would need a transpose, which is refused.
    /// </summary>
    private void Reshape(Node node)
    {
        var input = node.Inputs[0];
        var output = node.Outputs[0];
        var dims = _source.GetValue(input).Dims!;
        var outDims = _source.GetValue(output).Dims!;
        var reordered = !SameOrder(dims) || !SameOrder(outDims);
        if (reordered)
        {
            var readers = _source.Nodes.Where(n => n.Inputs.Contains(output)).ToList();
            if (dims.Length != 4 || outDims.Length != 2 || _source.Outputs.Contains(output) || readers.Any(n => n.OpType != "FULLY_CONNECTED" || n.Inputs[0] != output))
            {
                throw Unsupported(node, $"RESHAPE from {Shape.Format(dims)} to {Shape.Format(outDims)} changes the channels-last element order the float graph does not keep; only a flatten read by FULLY_CONNECTED layers is translated");
            }

            _flattenedImages[output] = (dims[1], dims[2], dims[3]);
        }

        var shape = AddConstant(output + "/shape", new long[] { outDims.Length }, TensorData.FromInt64s(new long[] { outDims.Length }, Onnx(outDims)));
        Emit("Reshape", node, new[] { Input(node, 0), shape }, Output(node));
    }

    /// <summary>TFLite's [rank, 2] paddings become ONNX's begins-then-ends, in NCHW axis order for an image; the fill is 0.</summary>
    private void Pad(Node node)
    {
        var paddings = Constant(node, 1).ToInt64s();
        var rank = Rank(node.Inputs[0]);
        var axes = rank == 4 ? new long[] { 0, 3, 1, 2 } : Enumerable.Range(0, rank).Select(a => (long)a).ToArray();
        var pads = axes.Select(a => paddings[a * 2]).Concat(axes.Select(a => paddings[(a * 2) + 1])).ToArray();
        var padsName = AddConstant(node.Outputs[0] + "/pads", new long[] { pads.Length }, TensorData.FromInt64s(new long[] { pads.Length }, pads));
        Emit("Pad", node, new[] { Input(node, 0), padsName }, Output(node));
    }

    /// <summary>
    /// MEAN over the height and width of an image is a global average pool; without keep_dims the [N, C, 1, 1] result is
    /// reshaped to [N, C]. Other axes are refused.
    /// </summary>
    private void Mean(Node node)
    {
        var rank = Rank(node.Inputs[0]);
        var axes = Constant(node, 1).ToInt64s().Select(a => a < 0 ? a + rank : a).OrderBy(a => a).ToArray();
        if (rank != 4 || !axes.SequenceEqual(new long[] { 1, 2 })) throw Unsupported(node, $"MEAN over axes [{string.Join(", ", axes)}] of a rank-{rank} tensor is not translated (only height and width of an image)");
        if (node.GetInt("keep_dims", 0) != 0)
        {
            Emit("GlobalAveragePool", node, new[] { Input(node, 0) }, Output(node));
            return;
        }

        var dims = _source.GetValue(node.Inputs[0]).Dims!;
        var pooled = AddValue(node.Outputs[0] + "/pooled", new[] { dims[0], dims[3], 1L, 1L });
        Emit("GlobalAveragePool", node, new[] { Input(node, 0) }, pooled);
        var outDims = _source.GetValue(node.Outputs[0]).Dims!;
        var shape = AddConstant(node.Outputs[0] + "/shape", new long[] { outDims.Length }, TensorData.FromInt64s(new long[] { outDims.Length }, outDims));
        AddNode("Reshape", node.Name + "/reshape", new[] { pooled, shape }, Output(node));
    }

    /// <summary>NHWC and NCHW orders agree with one channel or one pixel.</summary>
    private static bool SameOrder(long[] dims) => dims.Length != 4 || dims[3] == 1 || dims[1] * dims[2] == 1;

    /// <summary>The node, then its fused activation as a separate node the fusion pass folds into it.</summary>
    private Node Activated(Node node, string opType, string[] inputs)
    {
        var activation = node.GetString("fused_activation_function", "NONE");
        if (activation == "NONE") return Emit(opType, node, inputs, Output(node));
        var raw = AddValue(node.Outputs[0] + "/raw", Onnx(_source.GetValue(node.Outputs[0]).Dims!));
        var result = Emit(opType, node, inputs, raw);
        switch (activation)
        {
            case "RELU":
                AddNode("Relu", node.Name + "/relu", new[] { raw }, Output(node));
                break;
            case "RELU6":
                Clip(node, raw, Output(node), 0f, 6f);
                break;
            case "RELU_N1_TO_1":
                Clip(node, raw, Output(node), -1f, 1f);
                break;
            case "TANH":
                AddNode("Tanh", node.Name + "/tanh", new[] { raw }, Output(node));
                break;
            default:
                throw Unsupported(node, $"fused activation {activation} is not translated");
        }

        return result;
    }

    private void Clip(Node node, string input, string output, float min, float max)
    {
        var bounds = new[] { AddConstant($"{output}/min", new long[0], new[] { min }), AddConstant($"{output}/max", new long[0], new[] { max }) };
        AddNode("Clip", node.Name + "/clip", new[] { input }.Concat(bounds).ToArray(), output);
    }

    /// <summary>An elementwise operand: a run-time tensor, or a constant laid out to broadcast against NCHW as it did against NHWC.</summary>
    private string Operand(Node node, int index)
    {
        var value = _source.GetValue(node.Inputs[index]);
        if (!value.IsConstant || Rank(node.Outputs[0]) != 4) return Input(node, index);
        var dims = value.Dims!;
        var values = value.Constant!.ToFloats();
        var name = $"{node.Outputs[0]}/operand{index}";
        return dims.Length switch
        {
            0 => AddConstant(name, dims, values),
            1 => AddConstant(name, new[] { dims[0], 1L, 1L }, values),
            4 => AddConstant(name, Onnx(dims), ToNchw(values, dims)),
            _ => throw Unsupported(node, $"a constant operand of shape {Shape.Format(dims)} against a rank-4 tensor is not translated"),
        };
    }

    private static float[] ToNchw(float[] values, long[] nhwc)
    {
        var (n, h, w, c) = (nhwc[0], nhwc[1], nhwc[2], nhwc[3]);
        var result = new float[values.Length];
        for (long b = 0; b < n; b++)
        for (long y = 0; y < h; y++)
        for (long x = 0; x < w; x++)
        for (long k = 0; k < c; k++)
        {
            result[(((b * c) + k) * h + y) * w + x] = values[(((b * h) + y) * w + x) * c + k];
        }

        return result;
    }

    private Node Emit(string opType, Node source, string[] inputs, string output) => AddNode(opType, source.Name, inputs, output);

    private Node AddNode(string opType, string name, string[] inputs, string output)
    {
        var node = new Node(name, opType, "", inputs, new[] { output });
        _target.Nodes.Add(node);
        return node;
    }

    private void Transpose(string from, string to, long[] perm)
    {
        if (!_target.Values.ContainsKey(to)) AddValue(to, perm[1] == 3 ? Onnx(_target.GetValue(from).Dims!) : _source.GetValue(to).Dims!);
        AddNode("Transpose", to + "/transpose", new[] { from }, to).Attributes["perm"] = Ints(perm);
    }

    /// <summary>The graph tensor for a node input: run-time tensors by name, constants copied (biases, shapes) in their TFLite layout.</summary>
    private string Input(Node node, int index)
    {
        var name = node.Inputs[index];
        if (_names.TryGetValue(name, out var mapped)) return mapped;
        var value = _source.GetValue(name);
        if (value.IsConstant && !_target.Values.ContainsKey(name))
        {
            if (value.Dims!.Length == 4) throw Unsupported(node, $"a rank-4 constant input '{name}' is not translated");
            _target.AddValue(new Value(name, value.Type, (long[])value.Dims.Clone(), value.Constant));
        }

        return name;
    }

    private string Output(Node node)
    {
        var name = node.Outputs[0];
        var graphName = _names.TryGetValue(name, out var mapped) ? mapped : name;
        return _target.Values.ContainsKey(graphName) ? graphName : AddValue(graphName, Onnx(_source.GetValue(name).Dims!));
    }

    private TensorData Constant(Node node, int index) =>
        _source.GetValue(node.Inputs[index]).Constant ?? throw Unsupported(node, $"input {index} must be a constant (weights computed at run time are not supported)");

    private string AddValue(string name, long[] dims)
    {
        _target.AddValue(new Value(name, ElementType.Float, dims));
        return name;
    }

    private string AddConstant(string name, long[] dims, float[] values) => AddConstant(name, dims, TensorData.FromFloats(dims, values));

    private string AddConstant(string name, long[] dims, TensorData data)
    {
        _target.AddValue(new Value(name, data.Type, dims, data));
        return name;
    }

    private int Rank(string name) => _source.GetValue(name).Dims!.Length;

    private static long[] Onnx(long[] dims) => dims.Length == 4 ? new[] { dims[0], dims[3], dims[1], dims[2] } : (long[])dims.Clone();

    private static AttributeValue Int(long value) => new() { Kind = AttributeKind.Int, Int = value };

    private static AttributeValue Ints(params long[] values) => new() { Kind = AttributeKind.Ints, Ints = values };

    private static ModelException Unsupported(Node node, string reason) =>
        new($"Operator {node.Describe()} of the float TensorFlow Lite model: {reason}.", DiagnosticIds.UnsupportedOperator);
}
