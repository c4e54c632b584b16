using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Tflite;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// Nodes kept in float32 inside the integer graph (mixed precision): the ONNX node itself, in its NCHW layout, reading
/// DEQUANTIZE of its int8 inputs (relaid from NHWC first) and followed by QUANTIZE with its calibrated range (relaid
/// back) when integer nodes read it. Float nodes next to each other exchange float tensors directly; a graph input
/// read only by float nodes, and a graph output a float node computes, stay float.
/// </summary>
internal sealed partial class Int8Lowering
{
    private bool IsFloat(Node node) => _floatNodes.Contains(node.Name);

    private bool OnlyFloatReaders(string name) =>
        !_source.Outputs.Contains(name) && _source.Nodes.Where(n => n.Inputs.Contains(name)).All(IsFloat);

    /// <summary>A graph input only float nodes read: a float NCHW tensor.</summary>
    private bool FloatGraphInput(string name)
    {
        if ((_quantizesInputs && _activations.ContainsKey(name)) || !_source.Nodes.Any(n => n.Inputs.Contains(name)) || !OnlyFloatReaders(name)) return false;
        _target.AddValue(new Value(name, ElementType.Float, (long[])_source.GetValue(name).Dims!.Clone()));
        _floats[name] = name;
        return true;
    }

    private void FloatNode(Node node)
    {
        var output = node.Outputs[0];
        var dims = _source.GetValue(output).Dims!;
        // A QDQ pair on a graph output is applied: the output is quantized and given back dequantized.
        var isGraphOutput = _source.Outputs.Contains(output) && !(_quantizesInputs && _activations.ContainsKey(output));
        var floatName = isGraphOutput ? output : output + "/float";
        _target.AddValue(new Value(floatName, ElementType.Float, (long[])dims.Clone()));
        var copy = new Node(node.Name, node.OpType, node.Domain, node.Inputs.Select(i => i.Length == 0 ? i : FloatTensor(i)), new[] { floatName }) { Activation = node.Activation };
        foreach (var attribute in node.Attributes) copy.Attributes[attribute.Key] = attribute.Value;
        _target.Nodes.Add(copy);
        _floats[output] = floatName;
        if (isGraphOutput || OnlyFloatReaders(output)) return;

        // Integer readers get the output quantized with its calibrated range, channels-last when it is an image.
        Activation(output, Range(output));
        var int8 = dims.Length == 4 ? output + "/nchw" : Name(output);
        if (dims.Length == 4) _target.AddValue(new Value(int8, ElementType.Int8, (long[])dims.Clone()) { Quantization = Range(output) });
        _target.Nodes.Add(new Node(int8, "QUANTIZE", TfliteOperatorCodes.BuiltinDomain, new[] { floatName }, new[] { int8 }));
        if (dims.Length == 4) Relayout(int8, Name(output), dims, toChannelsLast: true);
    }

    /// <summary>The float tensor holding <paramref name="source"/> in ONNX layout: itself when constant or already float, else dequantized.</summary>
    private string FloatTensor(string source)
    {
        if (_floats.TryGetValue(source, out var existing)) return existing;
        var value = _source.GetValue(source);
        if (value.IsConstant)
        {
            if (!_target.Values.ContainsKey(source)) _target.AddValue(value);
            return source;
        }

        var int8 = Int8Nchw(source);
        var name = source + "/dequantized";
        _target.AddValue(new Value(name, ElementType.Float, (long[])value.Dims!.Clone()));
        _target.Nodes.Add(new Node(name, "DEQUANTIZE", TfliteOperatorCodes.BuiltinDomain, new[] { int8 }, new[] { name }));
        _floats[source] = name;
        return name;
    }

    /// <summary>The int8 tensor of <paramref name="source"/> in ONNX's order: graph inputs are, other images are relaid from NHWC.</summary>
    private string Int8Nchw(string source)
    {
        var dims = _source.GetValue(source).Dims!;
        if (_source.Inputs.Contains(source)) return source;
        if (dims.Length != 4) return Name(source);
        var nchw = Name(source) + "/nchw";
        if (!_target.Values.ContainsKey(nchw))
        {
            _target.AddValue(new Value(nchw, ElementType.Int8, (long[])dims.Clone()) { Quantization = _target.GetValue(Name(source)).Quantization });
            Relayout(Name(source), nchw, dims, toChannelsLast: false);
        }

        return nchw;
    }
}
