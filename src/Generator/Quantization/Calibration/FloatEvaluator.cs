using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// Runs the float graph (after the float passes) at build time on one input, so calibration can see every
/// activation. Constants are converted to float once, so one evaluator serves every sample and, holding no
/// per-run state, every thread at once. Operators the int8 lowering cannot quantize yet are rejected here, listed together.
/// </summary>
internal sealed class FloatEvaluator
{
    private static readonly HashSet<string> LayoutOps = new() { "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity" };

    private readonly ModelGraph _graph;
    private readonly Dictionary<Node, FloatDense> _dense = new();
    private readonly Dictionary<string, float[]> _constants = new();
    private readonly Dictionary<Node, FloatConvolution> _convolutions = new();

    public FloatEvaluator(ModelGraph graph)
    {
        _graph = graph;
        var unsupported = new List<string>();
        foreach (var node in graph.Nodes)
        {
            if (DenseLayer.From(graph, node) is { } dense) _dense[node] = new FloatDense(dense);
            else if (!IsSupported(node)) unsupported.Add(node.Describe());
            foreach (var input in node.Inputs.Where(i => i.Length > 0 && !_constants.ContainsKey(i) && graph.GetValue(i).IsConstant))
            {
                _constants[input] = graph.GetValue(input).Constant!.ToFloats();
            }
        }

        if (unsupported.Count > 0)
        {
            throw new ModelException($"Int8 build-time quantization does not support these nodes yet: {string.Join(", ", unsupported)}. It handles dense layers (Gemm, MatMul with constant weights), Conv with constant weights, MaxPool, AveragePool (padding not counted), GlobalAveragePool, Add, Mul, Concat, Transpose with a perm, constant Pad, Relu, Sigmoid, Tanh, Softmax and reshapes.", DiagnosticIds.UnsupportedModel);
        }

        foreach (var node in graph.Nodes.Where(n => n.OpType == "Conv"))
        {
            var bias = node.HasInput(2) ? _constants[node.Input(2)] : null;
            _convolutions[node] = new FloatConvolution(Window2D.Of(graph, node), _constants[node.Inputs[1]], bias, (int)node.GetInt("group", 1));
        }
    }

    /// <summary>
    /// Every tensor's value for one input: the graph input, then each node's outputs. <paramref name="observe"/>, when
    /// given, may replace each value as it is produced (fake quantization), before any node reads it.
    /// </summary>
    public Dictionary<string, float[]> Run(float[] input, Func<string, float[], float[]>? observe = null)
    {
        var name = _graph.Inputs[0];
        var values = new Dictionary<string, float[]> { [name] = observe?.Invoke(name, input) ?? input };
        foreach (var node in _graph.Nodes)
        {
            var output = Evaluate(node, values);
            values[node.Outputs[0]] = observe?.Invoke(node.Outputs[0], output) ?? output;
        }

        return values;
    }

    private bool IsSupported(Node node) => node.Domain.Length == 0 && (LayoutOps.Contains(node.OpType)
        || node.OpType is "Add" or "Mul" or "Concat" or "Relu" or "Sigmoid" or "Tanh" or "Sign" or "Softmax" or "MaxPool" or "GlobalAveragePool"
        || (node.OpType == "Pad" && PadSpec.Read(new ShapeContext(node, _graph)).Mode == "constant")
        || (node.OpType == "Transpose" && node.GetInts("perm") is not null)
        || (node.OpType == "Conv" && node.Inputs.Skip(1).Where(i => i.Length > 0).All(i => _graph.GetValue(i).IsConstant))
        || (node.OpType == "AveragePool" && (node.GetInt("count_include_pad", 0) == 0 || !(node.GetInts("pads") ?? new long[0]).Any(p => p != 0))));

    private float[] Evaluate(Node node, Dictionary<string, float[]> values)
    {
        if (_dense.TryGetValue(node, out var dense)) return dense.Run(values[node.Inputs[0]]);
        var x = Read(node.Inputs[0], values);
        switch (node.OpType)
        {
            case "Relu":
                return x.Select(v => Math.Max(v, 0f)).ToArray();
            case "Sigmoid":
                return x.Select(FloatActivations.Sigmoid).ToArray();
            case "Tanh":
                return x.Select(FloatActivations.Tanh).ToArray();
            case "Sign":
                return x.Select(v => v > 0f ? 1f : v < 0f ? -1f : float.IsNaN(v) ? v : 0f).ToArray();
            case "Softmax":
                return Softmax(x, checked((int)_graph.GetValue(node.Inputs[0]).Dims!.Last()));
            case "Add":
                return Elementwise(node, x, Read(node.Inputs[1], values), (a, b) => a + b);
            case "Mul":
                return Elementwise(node, x, Read(node.Inputs[1], values), (a, b) => a * b);
            case "Concat":
                var dims = _graph.GetValue(node.Outputs[0]).Dims!;
                var axis = (int)node.GetInt("axis", 0);
                return FloatLayoutOps.Concat(node.Inputs.Select(i => (Read(i, values), _graph.GetValue(i).Dims!)).ToList(), dims, axis < 0 ? axis + dims.Length : axis);
            case "Transpose":
                return FloatLayoutOps.Transpose(x, _graph.GetValue(node.Inputs[0]).Dims!, node.GetInts("perm")!);
            case "Pad":
                return FloatLayoutOps.Pad(x, _graph.GetValue(node.Inputs[0]).Dims!, PadSpec.Read(new ShapeContext(node, _graph)));
            case "Conv":
                var conv = _convolutions[node].Run(x);
                if (node.Activation is { } activation)
                {
                    for (var i = 0; i < conv.Length; i++) conv[i] = FloatActivations.Apply(activation, conv[i]);
                }

                return conv;
            case "MaxPool" or "AveragePool":
                return FloatWindowOps.Pool(x, Window2D.Of(_graph, node), max: node.OpType == "MaxPool");
            case "GlobalAveragePool":
                return FloatWindowOps.Pool(x, Window2D.Global(_graph, node), max: false);
            default:
                return x;
        }
    }

    private float[] Read(string name, Dictionary<string, float[]> values) => values.TryGetValue(name, out var v) ? v : _constants[name];

    /// <summary>An Add or Mul with numpy broadcasting and the node's fused activation.</summary>
    private float[] Elementwise(Node node, float[] a, float[] b, Func<float, float, float> operation)
    {
        var output = _graph.GetValue(node.Outputs[0]).Dims!;
        var aIndex = Shape.BroadcastSourceIndex(_graph.GetValue(node.Inputs[0]).Dims!, output);
        var bIndex = Shape.BroadcastSourceIndex(_graph.GetValue(node.Inputs[1]).Dims!, output);
        var y = new float[Shape.ElementCount(output)];
        for (var i = 0; i < y.Length; i++) y[i] = FloatActivations.Apply(node.Activation, operation(a[aIndex(i)], b[bIndex(i)]));
        return y;
    }

    private static float[] Softmax(float[] x, int depth)
    {
        var y = new float[x.Length];
        for (var row = 0; row < x.Length; row += depth)
        {
            var max = float.NegativeInfinity;
            for (var i = 0; i < depth; i++) max = Math.Max(max, x[row + i]);
            double sum = 0;
            for (var i = 0; i < depth; i++) sum += y[row + i] = (float)Math.Exp(x[row + i] - max);
            for (var i = 0; i < depth; i++) y[row + i] = (float)(y[row + i] / sum);
        }

        return y;
    }
}
