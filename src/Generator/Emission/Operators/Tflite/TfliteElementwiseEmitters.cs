using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>
/// ADD and MUL on int8 tensors with TFLite's rescaling; an operand of another shape is broadcast (numpy rules, up to
/// rank 4) into scratch memory first.
/// </summary>
internal static class TfliteElementwiseEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["ADD"] = Add;
        emitters["MUL"] = Mul;
    }

    private static void Add(EmitContext ctx, Node node)
    {
        var (first, second, output, range) = Operands(ctx, node);

        // CalculateOpDataAdd: both inputs scaled to 2 * max(s1, s2), the sum to the output, after a 20-bit left shift.
        var twiceMaxInputScale = 2 * (double)Math.Max(first.Scale, second.Scale);
        MultiplierQuantization.QuantizeMultiplier(first.Scale / twiceMaxInputScale, out var m1, out var s1);
        MultiplierQuantization.QuantizeMultiplier(second.Scale / twiceMaxInputScale, out var m2, out var s2);
        MultiplierQuantization.QuantizeMultiplier(twiceMaxInputScale / ((1 << 20) * (double)output.Scale), out var mOut, out var sOut);
        var parameters = ctx.Graph.RequantizesByShifts && PowerOfTwoScales.Shifts(new[] { m1, m2, mOut }, new[] { s1, s2, sOut }, $"Node {node.Describe()}") is { } shifts
            ? $"{EmitContext.Runtime}.Int8AddQuantization.PowerOfTwo({-first.ZeroPoint}, {shifts[0]}, {-second.ZeroPoint}, {shifts[1]}, {output.ZeroPoint}, {shifts[2]}, {range.Min}, {range.Max})"
            : $"new {EmitContext.Runtime}.Int8AddQuantization({-first.ZeroPoint}, {m1}, {s1}, {-second.ZeroPoint}, {m2}, {s2}, {output.ZeroPoint}, {mOut}, {sOut}, {range.Min}, {range.Max})";
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Add.Run({Inputs(ctx, node)}, {ctx.Write(node.Outputs[0])}, {parameters});");
    }

    private static void Mul(EmitContext ctx, Node node)
    {
        var (first, second, output, range) = Operands(ctx, node);
        Int8ScaleParameters.Product(first.Scale, second.Scale, output.Scale, out var multiplier, out var shift);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Mul.Run({Inputs(ctx, node)}, {ctx.Write(node.Outputs[0])}, {-first.ZeroPoint}, {-second.ZeroPoint}, {output.ZeroPoint}, {multiplier}, {shift}, {range.Min}, {range.Max});");
    }

    private static ((float Scale, int ZeroPoint) First, (float Scale, int ZeroPoint) Second, (float Scale, int ZeroPoint) Output, (int Min, int Max) Range) Operands(EmitContext ctx, Node node)
    {
        var y = ctx.Dims(node.Outputs[0]);
        foreach (var input in node.Inputs.Take(2))
        {
            var x = ctx.Dims(input);
            if (y.Length > 4 || x.Length > y.Length || x.Where((d, i) => d != 1 && d != y[y.Length - x.Length + i]).Any())
            {
                throw EmitContext.Unsupported(node, $"int8 {node.OpType} broadcasts an input of rank 4 or less to the output's shape; {Shape.Format(x)} does not broadcast to {Shape.Format(y)}");
            }
        }

        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        var range = TfliteQuantization.ActivationRange(TfliteTensors.FusedActivation(node), output.Scale, output.ZeroPoint);
        return (TfliteTensors.PerTensor(ctx, node, node.Inputs[0]), TfliteTensors.PerTensor(ctx, node, node.Inputs[1]), output, range);
    }

    /// <summary>Both inputs as spans of the output's shape (a constant one read from the weights), broadcasting either into its half of the scratch memory.</summary>
    private static string Inputs(EmitContext ctx, Node node)
    {
        var y = ctx.Dims(node.Outputs[0]);
        var count = Shape.ElementCount(y);
        var spans = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var x = ctx.Dims(node.Inputs[i]);
            spans[i] = ctx.ReadStored(node.Inputs[i]);
            if (x.SequenceEqual(y)) continue;
            var broadcast = $"{ctx.ScratchInt8(checked((int)(2 * count)))}.Slice({i * count}, {count})";
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Broadcast.Run({spans[i]}, {broadcast}, {EmitContext.Ints(Rank4(x))}, {EmitContext.Ints(Rank4(y))});");
            spans[i] = broadcast;
        }

        return string.Join(", ", spans);
    }

    private static IEnumerable<long> Rank4(long[] dims) => Enumerable.Repeat(1L, 4 - dims.Length).Concat(dims);
}
