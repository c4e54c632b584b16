using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// Graphs that take and give channels-last images (translated float TFLite models) transpose them to NCHW at the
/// input and back at the output. The integer graph computes channels-last, so both transposes vanish: the input is
/// read as it comes, the output is written in place.
/// </summary>
internal sealed partial class Int8Lowering
{
    private static readonly long[] ToChannelsFirst = { 0, 3, 1, 2 };
    private static readonly long[] ToChannelsLast = { 0, 2, 3, 1 };

    /// <summary>A rank-4 graph input read only by NHWC-to-NCHW transposes is already the integer graph's layout.</summary>
    private bool ChannelsLastGraphInput(string name)
    {
        var readers = _source.Nodes.Where(n => n.Inputs.Contains(name)).ToList();
        if (readers.Count == 0 || !readers.All(n => IsTranspose(n, ToChannelsFirst))) return false;
        _target.AddValue(new Value(name, ElementType.Int8, (long[])_source.GetValue(name).Dims!.Clone()) { Quantization = Range(name) });
        return true;
    }

    private void EdgeTranspose(Node node)
    {
        var input = node.Inputs[0];
        var output = node.Outputs[0];
        if (IsTranspose(node, ToChannelsFirst) && _source.Inputs.Contains(input))
        {
            _names[output] = input;
        }
        else if (IsTranspose(node, ToChannelsLast) && _source.Outputs.Contains(output))
        {
            // The NCHW tensor was computed channels-last: the output is the same bytes under its own name.
            _target.AddValue(new Value(output, ElementType.Int8, (long[])_source.GetValue(output).Dims!.Clone()) { Quantization = _target.GetValue(Name(input)).Quantization });
            _target.Nodes.Add(new Node(node.Name, "RESHAPE", Reading.Tflite.TfliteOperatorCodes.BuiltinDomain, new[] { Name(input) }, new[] { output }));
        }
        else
        {
            throw Unsupported(node, "int8 lowering keeps only the NHWC-to-NCHW transpose of a graph input and the NCHW-to-NHWC transpose of a graph output");
        }
    }

    private static bool IsTranspose(Node node, long[] perm) => node.OpType == "Transpose" && (node.GetInts("perm") ?? new long[0]).SequenceEqual(perm);
}
