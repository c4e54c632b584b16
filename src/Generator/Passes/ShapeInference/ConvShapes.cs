using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

internal static class ConvShapes
{
    public static void Register(Dictionary<string, Action<ShapeContext>> rules)
    {
        rules["Conv"] = Conv;
        rules["MaxPool"] = Pool;
        rules["AveragePool"] = Pool;
        rules["GlobalAveragePool"] = GlobalPool;
        rules["GlobalMaxPool"] = GlobalPool;
    }

    /// <param name="weightIndex">The weights' input: 1 for Conv and ConvInteger, 3 for QLinearConv.</param>
    public static WindowGeometry ConvGeometry(ShapeContext c, int weightIndex = 1)
    {
        var x = c.Dims(0);
        var w = c.Dims(weightIndex);
        if (x.Length < 3 || w.Length != x.Length) throw c.Invalid($"Conv input {Shape.Format(x)} and weights {Shape.Format(w)} must have the same rank, at least 3.");
        var kernel = c.Node.GetInts("kernel_shape") ?? w.Skip(2).ToArray();
        return WindowGeometry.Compute(c, x.Skip(2).ToArray(), kernel, ceilMode: false);
    }

    public static WindowGeometry PoolGeometry(ShapeContext c)
    {
        var x = c.Dims(0);
        var kernel = c.Node.GetInts("kernel_shape") ?? throw c.Invalid("kernel_shape is required.");
        if (x.Length != kernel.Length + 2) throw c.Invalid($"input {Shape.Format(x)} does not match kernel_shape of {kernel.Length} dims.");
        return WindowGeometry.Compute(c, x.Skip(2).ToArray(), kernel, c.Node.GetInt("ceil_mode", 0) != 0);
    }

    private static void Conv(ShapeContext c) => Conv(c, 1, c.Input(0).Type);

    /// <summary>A convolution's output [N, M, spatial...] from input 0 and the weights at <paramref name="weightIndex"/>.</summary>
    public static void Conv(ShapeContext c, int weightIndex, ElementType type)
    {
        var x = c.Dims(0);
        var w = c.Dims(weightIndex);
        var group = c.Node.GetInt("group", 1);
        if (group <= 0 || x[1] % group != 0 || w[0] % group != 0 || w[1] * group != x[1])
        {
            throw c.Invalid($"group {group} does not fit input channels {x[1]} and weights {Shape.Format(w)}.");
        }

        var geometry = ConvGeometry(c, weightIndex);
        c.SetOutput(0, type, new[] { x[0], w[0] }.Concat(geometry.Output).ToArray());
    }

    private static void Pool(ShapeContext c)
    {
        var x = c.Dims(0);
        var geometry = PoolGeometry(c);
        c.SetOutput(0, c.Input(0).Type, new[] { x[0], x[1] }.Concat(geometry.Output).ToArray());
        if (c.Node.Outputs.Count > 1 && c.Node.Outputs[1].Length > 0)
        {
            c.SetOutput(1, ElementType.Int64, new[] { x[0], x[1] }.Concat(geometry.Output).ToArray());
        }
    }

    private static void GlobalPool(ShapeContext c)
    {
        var x = c.Dims(0);
        if (x.Length < 3) throw c.Invalid($"input {Shape.Format(x)} needs spatial dimensions.");
        c.SetOutput(0, c.Input(0).Type, x.Select((d, i) => i < 2 ? d : 1).ToArray());
    }
}
