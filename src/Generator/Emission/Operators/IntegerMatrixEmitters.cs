using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

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
        var aZeroPoint = node.HasInput(2) ? IntegerOperands.ZeroPoints(ctx, node, 2, 1)[0] : 0;
        var bZeroPoints = node.HasInput(3) ? IntegerOperands.ZeroPoints(ctx, node, 3, n) : new[] { 0 };
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerMatMul.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Inputs[1])}, {ctx.Write(node.Outputs[0])}, {shape}, {aZeroPoint}, {ctx.Weights.Add(bZeroPoints)});");
    }

    /// <summary>Inputs a, a scale, a zero point, b, b scale, b zero point, y scale, y zero point.</summary>
    private static void QLinearMatMul(EmitContext ctx, Node node)
    {
        var shape = Shape(ctx, node, 0, 3, out var n);
        var requantization = IntegerOperands.Requantization(ctx, node, n);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerMatMul.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Input(3))}, {ctx.Write(node.Outputs[0])}, {shape}, {IntegerOperands.ZeroPoints(ctx, node, 2, 1)[0]}, {ctx.Weights.Add(IntegerOperands.ZeroPoints(ctx, node, 5, n))}, {requantization});");
    }

    /// <summary>The kernel's shape for a [..., M, K] x [..., K, N] product whose b is one matrix or one per batch; n is N.</summary>
    private static string Shape(EmitContext ctx, Node node, int aIndex, int bIndex, out int n)
    {
        var a = ctx.Graph.GetValue(node.Inputs[aIndex]);
        var b = ctx.Graph.GetValue(node.Input(bIndex));
        IntegerOperands.RequireInteger8(node, a);
        IntegerOperands.RequireInteger8(node, b);
        if (!b.IsConstant) throw IntegerOperands.Unsupported(node, $"its second operand '{b.Name}' must be a constant");
        var x = a.Dims!;
        var w = b.Dims!;
        if (x.Length < 2 || w.Length < 2) throw IntegerOperands.Unsupported(node, "both operands must have rank 2 or more");
        var batched = w.Length > 2 && Graph.Shape.ElementCount(w.Take(w.Length - 2).ToArray()) != 1;
        if (batched && !w.Take(w.Length - 2).SequenceEqual(x.Take(x.Length - 2))) throw IntegerOperands.Unsupported(node, $"batch broadcasting of {Graph.Shape.Format(x)} x {Graph.Shape.Format(w)} is not compiled");
        var batch = Graph.Shape.ElementCount(x.Take(x.Length - 2).ToArray());
        n = (int)w[w.Length - 1];
        return $"new {EmitContext.Runtime}.IntegerMatMulShape({batch}, {x[x.Length - 2]}, {x[x.Length - 1]}, {n}, {(batched ? "true" : "false")})";
    }
}
