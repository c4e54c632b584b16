using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>
/// ONNX MatMulInteger (int32 sums) and QLinearMatMul (sums requantized as ONNX Runtime does) on a run-time int8/uint8
/// operand and constant int8/uint8 weights, with constant scales and zero points (b's per column or per tensor).
/// </summary>
internal static class IntegerMatrixEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["MatMulInteger"] = MatMulInteger;
        emitters["QLinearMatMul"] = QLinearMatMul;
    }

    private static void MatMulInteger(EmitContext ctx, Node node)
    {
        var shape = Shape(ctx, node, 0, 1, out var n);
        var aZeroPoint = node.HasInput(2) ? ZeroPoints(ctx, node, 2, 1)[0] : 0;
        var bZeroPoints = node.HasInput(3) ? ZeroPoints(ctx, node, 3, n) : new[] { 0 };
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerMatMul.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Inputs[1])}, {ctx.Write(node.Outputs[0])}, {shape}, {aZeroPoint}, {ctx.Weights.Add(bZeroPoints)});");
    }

    /// <summary>
    /// Inputs a, a scale, a zero point, b, b scale, b zero point, y scale, y zero point. A uint8 output is requantized
    /// to int8 under its zero point - 128 and shifted back by the kernel.
    /// </summary>
    private static void QLinearMatMul(EmitContext ctx, Node node)
    {
        var shape = Shape(ctx, node, 0, 3, out var n);
        var output = ctx.Graph.GetValue(node.Outputs[0]);
        RequireInteger8(node, output);
        var aScale = Scales(ctx, node, 1, 1)[0];
        var bScales = Scales(ctx, node, 4, n);
        var yScale = Scales(ctx, node, 6, 1)[0];
        var yZeroPoint = ZeroPoints(ctx, node, 7, 1)[0] - (output.Type == ElementType.UInt8 ? 128 : 0);
        var requantization = $"new {EmitContext.Runtime}.Requantization({ctx.Weights.Add(OnnxRuntimeQuantization.RequantizationScales(aScale, bScales, yScale))}, {yZeroPoint}, -128, 127)";
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerMatMul.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Input(3))}, {ctx.Write(node.Outputs[0])}, {shape}, {ZeroPoints(ctx, node, 2, 1)[0]}, {ctx.Weights.Add(ZeroPoints(ctx, node, 5, n))}, {requantization});");
    }

    /// <summary>The kernel's shape for a [..., M, K] x [..., K, N] product whose b is one matrix or one per batch; n is N.</summary>
    private static string Shape(EmitContext ctx, Node node, int aIndex, int bIndex, out int n)
    {
        var a = ctx.Graph.GetValue(node.Inputs[aIndex]);
        var b = ctx.Graph.GetValue(node.Input(bIndex));
        RequireInteger8(node, a);
        RequireInteger8(node, b);
        if (!b.IsConstant) throw Unsupported(node, $"its second operand '{b.Name}' must be a constant");
        var x = a.Dims!;
        var w = b.Dims!;
        if (x.Length < 2 || w.Length < 2) throw Unsupported(node, "both operands must have rank 2 or more");
        var batched = w.Length > 2 && Graph.Shape.ElementCount(w.Take(w.Length - 2).ToArray()) != 1;
        if (batched && !w.Take(w.Length - 2).SequenceEqual(x.Take(x.Length - 2))) throw Unsupported(node, $"batch broadcasting of {Graph.Shape.Format(x)} x {Graph.Shape.Format(w)} is not compiled");
        var batch = Graph.Shape.ElementCount(x.Take(x.Length - 2).ToArray());
        n = (int)w[w.Length - 1];
        return $"new {EmitContext.Runtime}.IntegerMatMulShape({batch}, {x[x.Length - 2]}, {x[x.Length - 1]}, {n}, {(batched ? "true" : "false")})";
    }

    private static void RequireInteger8(Node node, Value value)
    {
        if (value.Type is not (ElementType.Int8 or ElementType.UInt8)) throw Unsupported(node, $"tensor '{value.Name}' is {value.Type.DisplayName()}; int8 and uint8 are compiled");
    }

    /// <summary>A constant float32 scale input with one value, or <paramref name="count"/> values.</summary>
    private static float[] Scales(EmitContext ctx, Node node, int index, int count)
    {
        var value = ctx.Graph.GetValue(node.Input(index));
        if (value.Type != ElementType.Float || !value.IsConstant) throw Unsupported(node, $"scale '{value.Name}' must be a float32 constant");
        var scales = value.Constant!.ToFloats();
        if (!(scales.Length == 1 || scales.Length == count)) throw Unsupported(node, $"scale '{value.Name}' has {scales.Length} values; one or {count} are compiled");
        if (scales.Any(s => !(s > 0) || float.IsInfinity(s))) throw new ModelException($"Node {node.Describe()}: scale '{value.Name}' must be positive and finite.");
        return scales;
    }

    /// <summary>A constant zero point input with one value, or <paramref name="count"/> values.</summary>
    private static int[] ZeroPoints(EmitContext ctx, Node node, int index, int count)
    {
        var value = ctx.Graph.GetValue(node.Input(index));
        if (!value.IsConstant) throw Unsupported(node, $"zero point '{value.Name}' must be a constant");
        var zeroPoints = value.Constant!.ToInt64s().Select(z => (int)z).ToArray();
        if (!(zeroPoints.Length == 1 || zeroPoints.Length == count)) throw Unsupported(node, $"zero point '{value.Name}' has {zeroPoints.Length} values; one or {count} are compiled");
        return zeroPoints;
    }

    private static ModelException Unsupported(Node node, string reason) => new($"Node {node.Describe()}: {reason}.", DiagnosticIds.UnsupportedOperator);
}
