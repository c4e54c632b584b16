using System;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Tflite;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// A QDQ model's own conv weights, kept exact. The int8 kernels take symmetric weights (zero point 0), so a weight
/// is its level q - zero point. A uint8 weight's level can lie outside int8 (zero point 141 gives -141..114); such a
/// conv reads its input repeated along the channels, and each level is split into int8 parts (-141 = -128 - 13), one
/// per repeat, so the int32 accumulator is exactly ONNX Runtime's sum of (x - x zero point) * (q - zero point).
/// </summary>
internal sealed partial class Int8Lowering
{
    /// <summary>
    /// The levels and scales a QDQ model stores for weights [out, ...], quantized per tensor or along the output
    /// channels; otherwise null, and the float weights are quantized afresh.
    /// </summary>
    private static (long[] Levels, float[] Scales)? ModelLevels(Value weights, int outChannels)
    {
        var q = weights.Quantization;
        if (weights.QuantizedSource is not { Type: ElementType.Int8 or ElementType.UInt8 } source || q is null || !(q.IsPerTensor || q.Axis == 0))
        {
            return null;
        }

        var levels = source.ToInt64s();
        var perChannel = levels.Length / outChannels;
        for (var i = 0; i < levels.Length; i++) levels[i] -= q.ZeroPoints[q.IsPerTensor ? 0 : i / perChannel];
        return (levels, q.IsPerTensor ? Enumerable.Repeat(q.Scales[0], outChannels).ToArray() : q.Scales);
    }

    /// <summary>How many int8 parts the largest level needs: one when every level is in -128..127.</summary>
    private static int PartCount(long[] levels) => levels.Length == 0 ? 1 : (int)Math.Max(1, Math.Max((levels.Max() + 126) / 127, (127 - levels.Min()) / 128));

    /// <summary>Part <paramref name="part"/> of a level: greedy int8 pieces, -128..127 each, summing to the level.</summary>
    private static sbyte LevelPart(long level, int part)
    {
        var rest = level;
        for (var p = 0; p < part; p++) rest -= Math.Max(sbyte.MinValue, Math.Min(sbyte.MaxValue, rest));
        return (sbyte)Math.Max(sbyte.MinValue, Math.Min(sbyte.MaxValue, rest));
    }

    /// <summary>The conv input repeated <paramref name="copies"/> times along the NHWC channels, by a CONCATENATION.</summary>
    private string RepeatedChannels(Node conv, string input, int copies)
    {
        var name = Name(input);
        if (copies == 1) return name;
        var value = _target.GetValue(name);
        var dims = (long[])value.Dims!.Clone();
        dims[3] *= copies;
        var repeated = name + "/repeated/" + conv.Outputs[0];
        _target.AddValue(new Value(repeated, ElementType.Int8, dims) { Quantization = value.Quantization });
        var concat = new Node(repeated, "CONCATENATION", TfliteOperatorCodes.BuiltinDomain, Enumerable.Repeat(name, copies), new[] { repeated });
        concat.Attributes["axis"] = Int(3);
        concat.Attributes["fused_activation_function"] = new AttributeValue { Kind = AttributeKind.String, String = "NONE" };
        _target.Nodes.Add(concat);
        return repeated;
    }
}
