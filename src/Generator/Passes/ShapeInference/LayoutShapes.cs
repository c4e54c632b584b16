using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>Ops that move or select elements without arithmetic, and shape-computing helpers.</summary>
internal static class LayoutShapes
{
    public static void Register(Dictionary<string, Action<ShapeContext>> rules)
    {
        rules["Flatten"] = c => c.SetOutput(0, c.Input(0).Type, FlattenShape(c));
        rules["Reshape"] = c => c.SetOutput(0, c.Input(0).Type, ReshapeShape(c));
        rules["Squeeze"] = c => c.SetOutput(0, c.Input(0).Type, SqueezeShape(c));
        rules["Unsqueeze"] = c => c.SetOutput(0, c.Input(0).Type, UnsqueezeShape(c));
        rules["Transpose"] = Transpose;
        rules["Concat"] = Concat;
        rules["Pad"] = c => c.SetOutput(0, c.Input(0).Type, PadSpec.Read(c).OutputShape(c.Dims(0)));
        rules["ReduceMean"] = c => c.SetOutput(0, c.Input(0).Type, ReduceSpec.Read(c).OutputShape);
        rules["Shape"] = c => c.SetOutput(0, ElementType.Int64, new[] { (long)ShapeSlice(c).Length });
        rules["Gather"] = Gather;
        rules["ConstantOfShape"] = ConstantOfShape;
    }

    public static long[] FlattenShape(ShapeContext c)
    {
        var x = c.Dims(0);
        var axis = c.Node.GetInt("axis", 1);
        var a = axis < 0 ? axis + x.Length : axis;
        if (a < 0 || a > x.Length) throw c.Invalid($"axis {axis} is outside a rank-{x.Length} tensor.");
        return new[] { Shape.ElementCount(x.Take((int)a).ToArray()), Shape.ElementCount(x.Skip((int)a).ToArray()) };
    }

    public static long[] ReshapeShape(ShapeContext c)
    {
        var x = c.Dims(0);
        var requested = c.Opset >= 5 ? c.ConstInts(1)! : c.Node.GetInts("shape") ?? throw c.Invalid("shape is required.");
        var allowZero = c.Node.GetInt("allowzero", 0) != 0;
        var result = new long[requested.Length];
        var inferred = -1;
        for (var i = 0; i < requested.Length; i++)
        {
            if (requested[i] == 0 && !allowZero)
            {
                if (i >= x.Length) throw c.Invalid($"shape entry {i} copies a dimension the input {Shape.Format(x)} does not have.");
                result[i] = x[i];
            }
            else if (requested[i] == -1)
            {
                if (inferred >= 0) throw c.Invalid("shape has more than one -1.");
                inferred = i;
            }
            else if (requested[i] < 0)
            {
                throw c.Invalid($"shape entry {requested[i]} is invalid.");
            }
            else
            {
                result[i] = requested[i];
            }
        }

        var total = Shape.ElementCount(x);
        if (inferred >= 0)
        {
            var known = Shape.ElementCount(result.Where((_, i) => i != inferred).ToArray());
            if (known == 0 || total % known != 0) throw c.Invalid($"cannot reshape {Shape.Format(x)} to {Shape.Format(requested)}.");
            result[inferred] = total / known;
        }

        if (Shape.ElementCount(result) != total) throw c.Invalid($"cannot reshape {Shape.Format(x)} ({total} elements) to {Shape.Format(result)}.");
        return result;
    }

    public static long[] SqueezeShape(ShapeContext c)
    {
        var x = c.Dims(0);
        var axes = (c.Opset >= 13 ? c.ConstInts(1) : c.Node.GetInts("axes"))?.Select(a => c.NormalizeAxis(a, x.Length)).ToArray();
        if (axes is null) return x.Where(d => d != 1).ToArray();
        foreach (var a in axes)
        {
            if (x[a] != 1) throw c.Invalid($"cannot squeeze axis {a} of size {x[a]}.");
        }

        return x.Where((_, i) => !axes.Contains(i)).ToArray();
    }

    public static long[] UnsqueezeShape(ShapeContext c)
    {
        var x = c.Dims(0);
        var raw = (c.Opset >= 13 ? c.ConstInts(1) : c.Node.GetInts("axes")) ?? throw c.Invalid("axes are required.");
        var rank = x.Length + raw.Length;
        var axes = raw.Select(a => c.NormalizeAxis(a, rank)).ToArray();
        if (axes.Distinct().Count() != axes.Length) throw c.Invalid("axes repeat.");
        var result = new long[rank];
        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            result[i] = axes.Contains(i) ? 1 : x[next++];
        }

        return result;
    }

    public static int[] Permutation(ShapeContext c)
    {
        var rank = c.Rank(0);
        var perm = c.Node.GetInts("perm")?.Select(p => c.NormalizeAxis(p, rank)).ToArray() ?? Enumerable.Range(0, rank).Reverse().ToArray();
        if (perm.Length != rank || perm.Distinct().Count() != rank) throw c.Invalid("perm is not a permutation of the input's axes.");
        return perm;
    }

    /// <summary>The dims a Shape node reports, honouring opset 15's start and end.</summary>
    public static long[] ShapeSlice(ShapeContext c)
    {
        var x = c.Dims(0);
        var start = Clamp(c.Node.GetInt("start", 0), x.Length);
        var end = Clamp(c.Node.GetInt("end", x.Length), x.Length);
        return x.Skip(start).Take(Math.Max(0, end - start)).ToArray();
    }

    private static int Clamp(long index, int rank) => (int)Math.Max(0, Math.Min(rank, index < 0 ? index + rank : index));

    private static void Transpose(ShapeContext c)
    {
        var x = c.Dims(0);
        c.SetOutput(0, c.Input(0).Type, Permutation(c).Select(p => x[p]).ToArray());
    }

    private static void Concat(ShapeContext c)
    {
        var first = c.Dims(0);
        var axis = c.NormalizeAxis(c.Node.GetInt("axis", 0), first.Length);
        var result = (long[])first.Clone();
        result[axis] = 0;
        for (var i = 0; i < c.Node.Inputs.Count; i++)
        {
            if (!c.Node.HasInput(i)) continue;
            var d = c.Dims(i);
            if (d.Length != first.Length || d.Where((v, j) => j != axis && v != first[j]).Any())
            {
                throw c.Invalid($"input {Shape.Format(d)} does not match {Shape.Format(first)} outside axis {axis}.");
            }

            result[axis] += d[axis];
        }

        c.SetOutput(0, c.Input(0).Type, result);
    }

    private static void Gather(ShapeContext c)
    {
        var data = c.Dims(0);
        var indices = c.Dims(1);
        var axis = c.NormalizeAxis(c.Node.GetInt("axis", 0), data.Length);
        c.SetOutput(0, c.Input(0).Type, data.Take(axis).Concat(indices).Concat(data.Skip(axis + 1)).ToArray());
    }

    private static void ConstantOfShape(ShapeContext c)
    {
        var type = c.Node.Attributes.TryGetValue("value", out var v) && v.Tensor is not null ? v.Tensor.Type : ElementType.Float;
        c.SetOutput(0, type, c.ConstInts(0)!);
    }
}
