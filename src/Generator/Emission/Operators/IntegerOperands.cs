using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>What the ONNX integer operators ask of their operands: int8/uint8 types, constant scales and zero points.</summary>
internal static class IntegerOperands
{
    /// <summary>The tensor must be int8 or uint8.</summary>
    public static void RequireInteger8(Node node, Value value)
    {
        if (value.Type is not (ElementType.Int8 or ElementType.UInt8)) throw Unsupported(node, $"tensor '{value.Name}' is {value.Type.DisplayName()}; int8 and uint8 are compiled");
    }

    /// <summary>A constant float32 scale input with one value, or <paramref name="count"/> values.</summary>
    public static float[] Scales(EmitContext ctx, Node node, int index, int count)
    {
        var value = ctx.Graph.GetValue(node.Input(index));
        if (value.Type != ElementType.Float || !value.IsConstant) throw Unsupported(node, $"scale '{value.Name}' must be a float32 constant");
        var scales = value.Constant!.ToFloats();
        if (!(scales.Length == 1 || scales.Length == count)) throw Unsupported(node, $"scale '{value.Name}' has {scales.Length} values; one or {count} are compiled");
        if (scales.Any(s => !(s > 0) || float.IsInfinity(s))) throw new ModelException($"Node {node.Describe()}: scale '{value.Name}' must be positive and finite.");
        return scales;
    }

    /// <summary>A constant zero point input with one value, or <paramref name="count"/> values.</summary>
    public static int[] ZeroPoints(EmitContext ctx, Node node, int index, int count)
    {
        var value = ctx.Graph.GetValue(node.Input(index));
        if (!value.IsConstant) throw Unsupported(node, $"zero point '{value.Name}' must be a constant");
        var zeroPoints = value.Constant!.ToInt64s().Select(z => (int)z).ToArray();
        if (!(zeroPoints.Length == 1 || zeroPoints.Length == count)) throw Unsupported(node, $"zero point '{value.Name}' has {zeroPoints.Length} values; one or {count} are compiled");
        return zeroPoints;
    }

    /// <summary>An operator form this version does not compile (QM0003, naming the node and the reason).</summary>
    public static ModelException Unsupported(Node node, string reason) => new($"Node {node.Describe()}: {reason}.", DiagnosticIds.UnsupportedOperator);

    /// <summary>
    /// The <c>Requantization</c> of a QLinear operator (inputs: x, x scale, x zero point, w, w scale, w zero point, y
    /// scale, y zero point): ONNX Runtime's float scales x scale x w scale / y scale per output channel. A uint8 output
    /// is requantized to int8 under its zero point - 128 and shifted back by the kernel.
    /// </summary>
    public static string Requantization(EmitContext ctx, Node node, int channels)
    {
        var output = ctx.Graph.GetValue(node.Outputs[0]);
        RequireInteger8(node, output);
        var scales = Quantization.OnnxRuntimeQuantization.RequantizationScales(Scales(ctx, node, 1, 1)[0], Scales(ctx, node, 4, channels), Scales(ctx, node, 6, 1)[0]);
        var zeroPoint = ZeroPoints(ctx, node, 7, 1)[0] - (output.Type == ElementType.UInt8 ? 128 : 0);
        return $"new {EmitContext.Runtime}.Requantization({ctx.Weights.Add(scales)}, {zeroPoint}, -128, 127)";
    }
}
