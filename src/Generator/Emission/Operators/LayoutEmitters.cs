using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>Ops that move elements: layout aliases, Transpose, Concat, Pad, and the ReduceMean reduction.</summary>
internal static class LayoutEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        foreach (var op in new[] { "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout" }) emitters[op] = Alias;
        emitters["Transpose"] = Transpose;
        emitters["Concat"] = Concat;
        emitters["Pad"] = Pad;
        emitters["ReduceMean"] = ReduceMean;
    }

    /// <summary>The planner gives an alias its input's memory; only a graph output needs the elements copied.</summary>
    private static void Alias(EmitContext ctx, Node node)
    {
        if (ctx.SameStorage(node.Inputs[0], node.Outputs[0]))
        {
            ctx.Writer.WriteLine($"// {node.OpType} '{node.Outputs[0]}' reads the memory of '{node.Inputs[0]}'.");
            return;
        }

        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Unary.Copy({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])});");
    }

    private static void Transpose(EmitContext ctx, Node node)
    {
        var x = ctx.Dims(node.Inputs[0]);
        if (x.Length > 6) throw Unsupported(node, "Transpose over more than 6 dimensions is not supported");
        var perm = LayoutShapes.Permutation(ctx.Shape(node));
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Transpose.Run({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {EmitContext.Ints(x)}, {Literals.IntArray(perm)});");
    }

    private static void Concat(EmitContext ctx, Node node)
    {
        var y = ctx.Dims(node.Outputs[0]);
        var axis = ctx.Shape(node).NormalizeAxis(node.GetInt("axis", 0), y.Length);
        var outer = y.Take(axis).Aggregate(1L, (a, b) => a * b);
        var yInner = y.Skip(axis).Aggregate(1L, (a, b) => a * b);
        long offset = 0;
        foreach (var input in node.Inputs.Where(i => i.Length > 0))
        {
            var xInner = ctx.Dims(input).Skip(axis).Aggregate(1L, (a, b) => a * b);
            if (xInner == 0) continue;
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Concat.CopyBlock({ctx.Read(input)}, {ctx.Write(node.Outputs[0])}, {outer}, {xInner}, {yInner}, {offset});");
            offset += xInner;
        }
    }

    private static void Pad(EmitContext ctx, Node node)
    {
        var x = ctx.Dims(node.Inputs[0]);
        if (x.Length > 6) throw Unsupported(node, "Pad over more than 6 dimensions is not supported");
        var spec = PadSpec.Read(ctx.Shape(node));
        var mode = spec.Mode switch { "reflect" => "Reflect", "edge" => "Edge", "wrap" => "Wrap", _ => "Constant" };
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Pad.Run({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {EmitContext.Ints(x)}, {EmitContext.Ints(spec.Pads)}, {EmitContext.Runtime}.PadMode.{mode}, {Literals.Float(spec.Value)});");
    }

    private static void ReduceMean(EmitContext ctx, Node node)
    {
        var x = ctx.Dims(node.Inputs[0]);
        if (x.Length > 6) throw Unsupported(node, "ReduceMean over more than 6 dimensions is not supported");
        var spec = ReduceSpec.Read(ctx.Shape(node));
        if (spec.Axes.Length == 0)
        {
            Alias(ctx, node);
            return;
        }

        var mask = spec.Axes.Aggregate(0, (m, a) => m | (1 << a));
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Reduce.Mean({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {EmitContext.Ints(x)}, {mask});");
    }

    private static ModelException Unsupported(Node node, string reason) => new($"Node {node.Describe()}: {reason}.", DiagnosticIds.UnsupportedModel);
}
