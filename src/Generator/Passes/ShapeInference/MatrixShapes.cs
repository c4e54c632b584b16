using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

internal static class MatrixShapes
{
    public static void Register(Dictionary<string, Action<ShapeContext>> rules)
    {
        rules["Gemm"] = Gemm;
        rules["MatMul"] = MatMul;
    }

    private static void Gemm(ShapeContext c)
    {
        var a = c.Dims(0);
        var b = c.Dims(1);
        if (a.Length != 2 || b.Length != 2) throw c.Invalid($"Gemm needs 2-D inputs, got {Shape.Format(a)} and {Shape.Format(b)}.");
        var transA = c.Node.GetInt("transA", 0) != 0;
        var transB = c.Node.GetInt("transB", 0) != 0;
        var m = transA ? a[1] : a[0];
        var k = transA ? a[0] : a[1];
        var kb = transB ? b[1] : b[0];
        var n = transB ? b[0] : b[1];
        if (k != kb) throw c.Invalid($"inner dimensions differ ({k} vs {kb}).");
        c.SetOutput(0, c.Input(0).Type, new[] { m, n });
    }

    private static void MatMul(ShapeContext c)
    {
        var a = c.Dims(0);
        var b = c.Dims(1);
        c.SetOutput(0, c.Input(0).Type, MatMulShape(c, a, b));
    }

    /// <summary>numpy matmul: 1-D operands are promoted then the added dim removed; batch dims broadcast.</summary>
    public static long[] MatMulShape(ShapeContext c, long[] a, long[] b)
    {
        if (a.Length == 0 || b.Length == 0) throw c.Invalid("MatMul operands must have rank at least 1.");
        var a2 = a.Length == 1 ? new[] { 1, a[0] } : a;
        var b2 = b.Length == 1 ? new[] { b[0], 1 } : b;
        var k = a2[a2.Length - 1];
        if (k != b2[b2.Length - 2]) throw c.Invalid($"inner dimensions differ: {Shape.Format(a)} x {Shape.Format(b)}.");
        var batch = ElementwiseShapes.Broadcast(c, a2.Take(a2.Length - 2).ToArray(), b2.Take(b2.Length - 2).ToArray());
        var result = batch.ToList();
        if (a.Length > 1) result.Add(a2[a2.Length - 2]);
        if (b.Length > 1) result.Add(b2[b2.Length - 1]);
        return result.ToArray();
    }
}
