using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Emission.Operators.Tflite;

/// <summary>
/// RESHAPE (no data movement), CONCATENATION of equally quantized int8 inputs, PAD / PADV2, and MEAN over height
/// and width.
/// </summary>
internal static class TfliteLayoutEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["RESHAPE"] = Reshape;
        emitters["CONCATENATION"] = Concatenation;
        emitters["MEAN"] = Mean;
        emitters["TRANSPOSE"] = Transpose;
        emitters["PAD"] = Pad;
        emitters["PADV2"] = Pad;
    }

    /// <summary>A constant permutation of up to 4 dimensions; the quantization stays.</summary>
    private static void Transpose(EmitContext ctx, Node node)
    {
        var x = ctx.Dims(node.Inputs[0]);
        if (TfliteTensors.PerTensor(ctx, node, node.Inputs[0]) != TfliteTensors.PerTensor(ctx, node, node.Outputs[0])) throw EmitContext.Unsupported(node, "int8 TRANSPOSE needs the same quantization in and out");
        var perm = ctx.Graph.GetValue(node.Inputs[1]);
        if (perm.Constant is null || x.Length > 4 || perm.ElementCount != x.Length) throw EmitContext.Unsupported(node, "its permutation must be a constant for a tensor of rank 4 or less");
        var lead = 4 - x.Length;
        var order = perm.Constant.ToInt64s();
        if (order.OrderBy(p => p).Where((p, i) => p != i).Any()) throw new ModelException($"Node {node.Describe()}: [{string.Join(", ", order)}] is not a permutation.");
        var shape = Enumerable.Repeat(1L, lead).Concat(x);
        var fullOrder = Enumerable.Range(0, lead).Select(i => (long)i).Concat(order.Select(p => p + lead));
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Transpose.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {EmitContext.Ints(shape)}, {EmitContext.Ints(fullOrder)});");
    }

    /// <summary>Constant paddings [rank, 2]; the fill is PADV2's constant or, for PAD, the output zero point.</summary>
    private static void Pad(EmitContext ctx, Node node)
    {
        var x = ctx.Dims(node.Inputs[0]);
        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        if (input != output) throw EmitContext.Unsupported(node, "int8 PAD needs the same quantization in and out, as TFLite requires");
        var paddings = ctx.Graph.GetValue(node.Inputs[1]);
        if (paddings.Constant is null || x.Length > 4 || paddings.ElementCount != 2 * x.Length) throw EmitContext.Unsupported(node, "its paddings must be a constant [rank, 2] for a tensor of rank 4 or less");
        var values = paddings.Constant.ToInt64s();
        if (values.Any(v => v < 0)) throw EmitContext.Unsupported(node, "negative paddings are not supported");
        var lead = 4 - x.Length;
        var shape = Enumerable.Repeat(1L, lead).Concat(x);
        var pads = Enumerable.Repeat(0L, lead).Concat(Enumerable.Range(0, x.Length).Select(d => values[2 * d]))
            .Concat(Enumerable.Repeat(0L, lead)).Concat(Enumerable.Range(0, x.Length).Select(d => values[2 * d + 1]));
        var fill = output.ZeroPoint;
        if (node.OpType == "PADV2")
        {
            var constant = ctx.Graph.GetValue(node.Input(2));
            if (constant.Constant is null || constant.ElementCount != 1 || constant.Type != ElementType.Int8) throw EmitContext.Unsupported(node, "PADV2's value must be a constant int8 scalar");
            fill = (int)constant.Constant.ToInt64s()[0];
        }

        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Pad.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {EmitContext.Ints(shape)}, {EmitContext.Ints(pads)}, {fill});");
    }

    private static void Reshape(EmitContext ctx, Node node)
    {
        var input = ctx.Graph.GetValue(node.Inputs[0]);
        var output = ctx.Graph.GetValue(node.Outputs[0]);
        if (input.Type != output.Type) throw new ModelException($"Node {node.Describe()}: RESHAPE changes the element type from {input.Type.DisplayName()} to {output.Type.DisplayName()}.");
        if (input.ElementCount != output.ElementCount) throw new ModelException($"Node {node.Describe()}: RESHAPE from {Shape.Format(input.Dims)} to {Shape.Format(output.Dims)} changes the element count.");
        if (ctx.SameStorage(node.Inputs[0], node.Outputs[0]))
        {
            ctx.Writer.WriteLine($"// RESHAPE '{node.Outputs[0]}' reads the memory of '{node.Inputs[0]}'.");
            return;
        }

        ctx.Writer.WriteLine($"{ctx.ReadStored(node.Inputs[0])}.CopyTo({ctx.Write(node.Outputs[0])});");
    }

    /// <summary>TFLite requires int8 inputs to share the output's scale and zero point, so concatenation is copying.</summary>
    private static void Concatenation(EmitContext ctx, Node node)
    {
        if (TfliteTensors.FusedActivation(node) != "NONE") throw EmitContext.Unsupported(node, "a fused activation on CONCATENATION is not supported");
        var y = ctx.Dims(node.Outputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        var axis = (int)node.GetInt("axis", 0);
        if (axis < 0) axis += y.Length;
        if (axis < 0 || axis >= y.Length) throw new ModelException($"Node {node.Describe()}: axis {node.GetInt("axis", 0)} is outside rank {y.Length}.");
        var outer = Shape.ElementCount(y.Take(axis).ToArray());
        var inner = Shape.ElementCount(y.Skip(axis + 1).ToArray());
        long offset = 0;
        foreach (var name in node.Inputs)
        {
            var input = TfliteTensors.PerTensor(ctx, node, name);
            if (input != output) throw EmitContext.Unsupported(node, $"input '{name}' is quantized differently from the output ({input.Scale}/{input.ZeroPoint} vs {output.Scale}/{output.ZeroPoint}); TFLite requires them equal for int8");
            var x = ctx.Dims(name);
            var width = x[axis] * inner;
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Concat.CopyBlock({ctx.ReadStored(name)}, {ctx.Write(node.Outputs[0])}, {outer}, {width}, {y[axis] * inner}, {offset});");
            offset += width;
        }
    }

    /// <summary>The integer MEAN TFLite runs: rank 4, axes exactly {1, 2}, keep_dims.</summary>
    private static void Mean(EmitContext ctx, Node node)
    {
        var x = ctx.Dims(node.Inputs[0]);
        var axes = ctx.IsConstant(node.Input(1)) ? ctx.Graph.GetValue(node.Input(1)).Constant!.ToInt64s().Select(a => a < 0 ? a + x.Length : a).OrderBy(a => a).ToArray() : null;
        if (x.Length != 4 || axes is null || !axes.SequenceEqual(new long[] { 1, 2 }) || node.GetInt("keep_dims", 0) == 0)
        {
            throw EmitContext.Unsupported(node, "int8 MEAN is compiled over axes 1 and 2 of a rank-4 tensor with keep_dims (spatial averaging) only");
        }

        var input = TfliteTensors.PerTensor(ctx, node, node.Inputs[0]);
        var output = TfliteTensors.PerTensor(ctx, node, node.Outputs[0]);
        Int8ScaleParameters.Ratio(input.Scale, output.Scale, out var multiplier, out var shift);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Int8Mean.Run({ctx.ReadStored(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {x[0]}, {x[1]}, {x[2]}, {x[3]}, {input.ZeroPoint}, {output.ZeroPoint}, {multiplier}, {shift});");
    }
}
