using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Emission.Operators;

/// <summary>Conv and pooling. 1-D windows run as 2-D with a height of one.</summary>
internal static class ConvEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["Conv"] = Conv;
        emitters["MaxPool"] = (ctx, node) => Pool(ctx, node, "Max");
        emitters["AveragePool"] = (ctx, node) => Pool(ctx, node, "Average");
        emitters["GlobalAveragePool"] = GlobalAveragePool;
    }

    private static void Conv(EmitContext ctx, Node node)
    {
        if (!ctx.IsConstant(node.Inputs[1])) throw EmitContext.Unsupported(node, "its weights must be constants");
        if (node.HasInput(2) && !ctx.IsConstant(node.Input(2))) throw EmitContext.Unsupported(node, "its bias must be a constant");
        var shape = Conv2DShape(ctx, node, 1);
        var bias = node.HasInput(2) ? ctx.Read(node.Input(2)) : "default";
        var weights = ctx.WeightStorage == WeightStorage.Float32 ? ctx.Read(node.Inputs[1]) : DecodedWeights(ctx, node, (int)ctx.Dims(node.Inputs[1])[0]);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Conv2D.Run({ctx.Read(node.Inputs[0])}, {weights}, {bias}, {ctx.Write(node.Outputs[0])}, {shape}, {EmitContext.Activation(node.Activation)});");
    }

    /// <summary>Writes the call that decodes the stored weights ([M, C/group, KH, KW], as float) into the node's scratch, and returns it.</summary>
    private static string DecodedWeights(EmitContext ctx, Node node, int outChannels)
    {
        var scratch = ctx.Scratch(node);
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.WeightDecoding.{ctx.WeightStorage.Decoder()}({LayerWeights.Store(ctx, node, ctx.ConstantData(node.Inputs[1]), outChannels)}, {scratch});");
        return scratch;
    }

    /// <summary>The <c>Conv2DShape</c> expression of a 1-D or 2-D convolution whose weights are input <paramref name="weightIndex"/>.</summary>
    public static string Conv2DShape(EmitContext ctx, Node node, int weightIndex)
    {
        var x = ctx.Dims(node.Inputs[0]);
        var w = ctx.Dims(node.Input(weightIndex));
        var y = ctx.Dims(node.Outputs[0]);
        RequireSpatialRank(node, x);
        var s = Spatial(ConvShapes.ConvGeometry(ctx.Shape(node), weightIndex), x, y);
        return $"new {EmitContext.Runtime}.Conv2DShape({x[0]}, {x[1]}, {s.InH}, {s.InW}, {w[0]}, {s.OutH}, {s.OutW}, {s.KernelH}, {s.KernelW}, {s.StrideH}, {s.StrideW}, {s.PadTop}, {s.PadLeft}, {s.DilationH}, {s.DilationW}, {node.GetInt("group", 1)})";
    }

    private static void Pool(EmitContext ctx, Node node, string kind)
    {
        var x = ctx.Dims(node.Inputs[0]);
        var y = ctx.Dims(node.Outputs[0]);
        RequireSpatialRank(node, x);
        if (node.Outputs.Count > 1 && node.Outputs[1].Length > 0) throw EmitContext.Unsupported(node, "the Indices output of MaxPool is not supported");
        var g = ConvShapes.PoolGeometry(ctx.Shape(node));
        var s = Spatial(g, x, y);
        var shape = $"new {EmitContext.Runtime}.Pool2DShape({x[0]}, {x[1]}, {s.InH}, {s.InW}, {s.OutH}, {s.OutW}, {s.KernelH}, {s.KernelW}, {s.StrideH}, {s.StrideW}, {s.PadTop}, {s.PadLeft}, {s.PadBottom}, {s.PadRight}, {s.DilationH}, {s.DilationW})";
        var extra = kind == "Average" ? ", " + Literals.Bool(node.GetInt("count_include_pad", 0) != 0) : "";
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Pool2D.{kind}({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {shape}{extra});");
    }

    private static void GlobalAveragePool(EmitContext ctx, Node node)
    {
        var x = ctx.Dims(node.Inputs[0]);
        var spatial = Shape.ElementCount(x.Skip(2).ToArray());
        ctx.Writer.WriteLine($"{EmitContext.Runtime}.Pool2D.GlobalAverage({ctx.Read(node.Inputs[0])}, {ctx.Write(node.Outputs[0])}, {x[0] * x[1]}, {spatial});");
    }

    private static void RequireSpatialRank(Node node, long[] x)
    {
        if (x.Length is not (3 or 4)) throw EmitContext.Unsupported(node, $"only 1-D and 2-D windows are supported (input {Shape.Format(x)})");
    }

    /// <summary>The window as 2-D parameters; a 1-D window gets height 1, stride 1 and no vertical padding.</summary>
    private static Spatial2D Spatial(WindowGeometry g, long[] x, long[] y)
    {
        if (x.Length == 3)
        {
            return new Spatial2D(1, x[2], 1, y[2], 1, g.Kernel[0], 1, g.Strides[0], 0, g.PadBegin[0], 0, g.PadEnd[0], 1, g.Dilations[0]);
        }

        return new Spatial2D(x[2], x[3], y[2], y[3], g.Kernel[0], g.Kernel[1], g.Strides[0], g.Strides[1], g.PadBegin[0], g.PadBegin[1], g.PadEnd[0], g.PadEnd[1], g.Dilations[0], g.Dilations[1]);
    }

    private sealed record Spatial2D(long InH, long InW, long OutH, long OutW, long KernelH, long KernelW, long StrideH, long StrideW, long PadTop, long PadLeft, long PadBottom, long PadRight, long DilationH, long DilationW);
}
