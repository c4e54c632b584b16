using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;
using QuantizedModels.Generator.Reading.Tflite;

namespace QuantizedModels.Generator.Quantization;

/// <summary>Concat and Pad in the integer graph: TFLite's CONCATENATION and PAD, with axes and paddings moved to NHWC.</summary>
internal sealed partial class Int8Lowering
{
    /// <summary>
    /// CONCATENATION requires every input quantized like the output (its calibrated range covers them all), so an
    /// input quantized otherwise is first requantized by an int8-to-int8 QUANTIZE.
    /// </summary>
    private void Concat(Node node)
    {
        if (node.Inputs.Any(i => _source.GetValue(i).IsConstant)) throw Unsupported(node, "int8 Concat needs run-time inputs");
        var output = node.Outputs[0];
        var rank = _source.GetValue(output).Dims!.Length;
        var axis = (int)node.GetInt("axis", 0);
        if (axis < 0) axis += rank;
        var quantization = Range(output);
        var inputs = node.Inputs.Select(input => QuantizedLike(input, quantization, output)).ToList();
        Activation(output, quantization);
        Add("CONCATENATION", node, inputs, "NONE").Attributes["axis"] = Int(NhwcAxis(axis, rank));
    }

    /// <summary>Constant-mode Pad with zero fill: PAD fills with the zero point, which is exactly zero, and keeps the input's quantization.</summary>
    private void Pad(Node node)
    {
        var spec = PadSpec.Read(new ShapeContext(node, _source));
        if (spec.Mode != "constant" || spec.Value != 0 || spec.Pads.Any(p => p < 0))
        {
            throw Unsupported(node, $"int8 Pad is compiled for constant mode with value 0 and no cropping (this one: {spec.Mode}, value {spec.Value})");
        }

        var rank = spec.Pads.Length / 2;
        var paddings = new int[2 * rank];
        for (var d = 0; d < rank; d++)
        {
            var target = NhwcAxis(d, rank);
            paddings[2 * target] = (int)spec.Pads[d];
            paddings[2 * target + 1] = (int)spec.Pads[d + rank];
        }

        var prefix = (node.Name.Length > 0 ? node.Name : node.Outputs[0]) + "/";
        var paddingsName = Constant(prefix + "paddings", ElementType.Int32, new long[] { rank, 2 }, Int32Bytes(paddings), new QuantizationInfo(new[] { 1f }, new long[1], 0));
        Activation(node.Outputs[0], _target.GetValue(Name(node.Inputs[0])).Quantization!);
        Add("PAD", node, new[] { Name(node.Inputs[0]), paddingsName });
    }

    /// <summary>The integer tensor holding <paramref name="source"/> with <paramref name="quantization"/>, requantizing it when it differs.</summary>
    private string QuantizedLike(string source, QuantizationInfo quantization, string consumer)
    {
        var name = Name(source);
        var value = _target.GetValue(name);
        var q = value.Quantization!;
        if (q.Scales[0] == quantization.Scales[0] && q.ZeroPoints[0] == quantization.ZeroPoints[0]) return name;
        var requantized = name + "/requantized/" + consumer;
        if (!_target.Values.ContainsKey(requantized))
        {
            _target.AddValue(new Value(requantized, ElementType.Int8, (long[])value.Dims!.Clone()) { Quantization = quantization });
            _target.Nodes.Add(new Node(requantized, "QUANTIZE", TfliteOperatorCodes.BuiltinDomain, new[] { name }, new[] { requantized }));
        }

        return requantized;
    }

    /// <summary>Where ONNX's NCHW axis lands in the channels-last integer graph (ranks other than 4 keep their order).</summary>
    private static int NhwcAxis(int axis, int rank) => rank != 4 ? axis : axis switch { 1 => 3, 0 => 0, _ => axis - 1 };
}
