using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>
/// ONNX QuantizeLinear (float to int8/uint8) and DequantizeLinear (int8/uint8 to float) outside QDQ pairs, per tensor
/// or per axis, with constant scales and zero points: ONNX Runtime's arithmetic (round half to even, saturate).
/// Other quantized types and blocked quantization are reported as unsupported operator forms (QM0003).
/// </summary>
internal static class QuantizeLinearEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["QuantizeLinear"] = (ctx, node) => Emit(ctx, node, quantize: true);
        emitters["DequantizeLinear"] = (ctx, node) => Emit(ctx, node, quantize: false);
    }

    private static void Emit(EmitContext ctx, Node node, bool quantize)
    {
        var data = ctx.Graph.GetValue(node.Inputs[0]);
        var integer = ctx.Graph.GetValue(quantize ? node.Outputs[0] : node.Inputs[0]);
        var real = quantize ? data : ctx.Graph.GetValue(node.Outputs[0]);
        if (integer.Type is not (ElementType.Int8 or ElementType.UInt8) || real.Type != ElementType.Float)
        {
            throw Unsupported(node, $"{integer.Type.DisplayName()} values with {real.Type.DisplayName()} scales; int8 and uint8 with float32 are compiled");
        }

        if (node.GetInt("block_size", 0) != 0) throw Unsupported(node, "blocked quantization (block_size) is not compiled");
        var (scales, zeroPoints, inner) = Parameters(ctx, node, integer.Dims!);
        var kernel = quantize ? "Run" : "Dequantize";
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.QuantizeLinear.{kernel}({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {ctx.Weights.Add(scales)}, {ctx.Weights.Add(zeroPoints)}, {inner});");
    }

    /// <summary>Constant scales and zero points (zero when absent), one or one per index of the axis, and the run length of one index.</summary>
    private static (float[] Scales, int[] ZeroPoints, long Inner) Parameters(EmitContext ctx, Node node, long[] dims)
    {
        if (!node.HasInput(1) || !ctx.IsConstant(node.Input(1)) || (node.HasInput(2) && !ctx.IsConstant(node.Input(2))))
        {
            throw EmitContext.Unsupported(node, "its scale and zero point must be constants");
        }

        var scales = ctx.ConstantData(node.Input(1));
        var zeroPoints = node.HasInput(2) ? ctx.Graph.GetValue(node.Input(2)).Constant!.ToInt64s().Select(z => (int)z).ToArray() : new int[scales.Length];
        if (zeroPoints.Length != scales.Length) throw new ModelException($"Node {node.Describe()}: {scales.Length} scales but {zeroPoints.Length} zero points.");
        if (scales.Any(s => !(s > 0) || float.IsInfinity(s))) throw new ModelException($"Node {node.Describe()}: every scale must be positive and finite.");
        if (scales.Length == 1) return (scales, zeroPoints, Math.Max(Shape.ElementCount(dims), 1));

        var axis = (int)node.GetInt("axis", 1);
        if (axis < 0) axis += dims.Length;
        if (axis < 0 || axis >= dims.Length || dims[axis] != scales.Length)
        {
            throw new ModelException($"Node {node.Describe()}: {scales.Length} scales do not match axis {node.GetInt("axis", 1)} of {Shape.Format(dims)}.");
        }

        return (scales, zeroPoints, Shape.ElementCount(dims.Skip(axis + 1).ToArray()));
    }

    private static ModelException Unsupported(Node node, string reason) => new($"Node {node.Describe()}: {reason}.", DiagnosticIds.UnsupportedOperator);
}
