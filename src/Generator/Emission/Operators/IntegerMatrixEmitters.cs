using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>
/// ONNX MatMulInteger (int32 sums) and QLinearMatMul (sums requantized as ONNX Runtime does) on int8/uint8 operands,
/// constant or read at run time, with constant scales and zero points (b's per column or per tensor); MatMulInteger's
/// zero points may be run-time tensors too.
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
        var operands = $"{ctx.ReadStored(node.Inputs[0])}, {ctx.ReadStored(node.Inputs[1])}, {ctx.Write(node.Outputs[0])}, {shape}";
        if (RunTimeZeroPoint(ctx, node, 2) || RunTimeZeroPoint(ctx, node, 3))
        {
            var types = string.Join(", ", new[] { node.Inputs[0], node.Inputs[1] }.Select(i => ctx.Graph.GetValue(i).Type).Concat(new[] { ZeroPointType(ctx, node, 2), ZeroPointType(ctx, node, 3) }).Select(CSharpTypes.Of));
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerMatMul.Run<{types}>({operands}, {ZeroPointSpan(ctx, node, 2, 1)}, {ZeroPointSpan(ctx, node, 3, n)});");
            return;
        }

        var aZeroPoint = node.HasInput(2) ? IntegerOperands.ZeroPoints(ctx, node, 2, 1)[0] : 0;
        var bZeroPoints = node.HasInput(3) ? IntegerOperands.ZeroPoints(ctx, node, 3, n) : new[] { 0 };
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.IntegerMatMul.Run({operands}, {aZeroPoint}, {ctx.Weights.Add(bZeroPoints)});");
    }

    private static bool RunTimeZeroPoint(EmitContext ctx, Node node, int index) => node.HasInput(index) && !ctx.Graph.GetValue(node.Input(index)).IsConstant;

    /// <summary>The element type of <see cref="ZeroPointSpan"/>: the run-time tensor's, else int32.</summary>
    private static ElementType ZeroPointType(EmitContext ctx, Node node, int index) => RunTimeZeroPoint(ctx, node, index) ? ctx.Graph.GetValue(node.Input(index)).Type : ElementType.Int32;

    /// <summary>A zero point as a span: the run-time tensor itself (one value, or <paramref name="count"/>), or the constant (0 when absent) as int32.</summary>
    private static string ZeroPointSpan(EmitContext ctx, Node node, int index, int count)
    {
        if (!RunTimeZeroPoint(ctx, node, index)) return ctx.Weights.Add(node.HasInput(index) ? IntegerOperands.ZeroPoints(ctx, node, index, count) : new[] { 0 });
        var value = ctx.Graph.GetValue(node.Input(index));
        IntegerOperands.RequireInteger8(node, value);
        if (!(value.ElementCount == 1 || value.ElementCount == count)) throw IntegerOperands.Unsupported(node, $"zero point '{value.Name}' has {value.ElementCount} values; one or {count} are compiled");
        return ctx.ReadStored(value.Name);
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
