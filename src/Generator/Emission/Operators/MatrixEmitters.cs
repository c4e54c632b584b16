using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes.ShapeInference;

namespace QuantizedModels.Generator.Emission.Operators;

internal static class MatrixEmitters
{
    public static void Register(Dictionary<string, Action<EmitContext, Node>> emitters)
    {
        emitters["Gemm"] = Gemm;
        emitters["MatMul"] = MatMul;
    }

    private static void Gemm(EmitContext ctx, Node node)
    {
        var a = ctx.Dims(node.Inputs[0]);
        var b = ctx.Dims(node.Inputs[1]);
        var transA = node.GetInt("transA", 0) != 0;
        var transB = node.GetInt("transB", 0) != 0;
        var m = (int)(transA ? a[1] : a[0]);
        var k = (int)(transA ? a[0] : a[1]);
        var n = (int)(transB ? b[0] : b[1]);
        if (!ctx.IsConstant(node.Inputs[1])) throw EmitContext.Unsupported(node, "its B input must be a constant (weights)");

        var alpha = node.GetFloat("alpha", 1f);
        var packed = PackTransposed(ctx.ConstantData(node.Inputs[1]), transB ? n : (int)b[0], transB ? (int)b[1] : n, transB, alpha);
        // GemmLowering gave a transposed run-time A its own Transpose node, so only a constant A is transposed here.
        var aExpression = transA
            ? ctx.Weights.Add(PackTransposed(ctx.ConstantData(node.Inputs[0]), (int)a[0], (int)a[1], transposed: false, 1f))
            : ctx.Read(node.Inputs[0]);
        var bias = GemmBias(ctx, node, m, n);
        EmitPackedGemm(ctx, node, aExpression, packed, bias, m, n, k);
    }

    /// <summary>A GEMM with bt packed [N, K] at build time: read in place, or decoded a tile at a time from the scheme's storage.</summary>
    private static void EmitPackedGemm(EmitContext ctx, Node node, string a, float[] packed, string bias, int m, int n, int k)
    {
        var tail = $"{bias}, {ctx.Write(node.Outputs[0])}, {m}, {n}, {k}, {EmitContext.Activation(node.Activation)}";
        if (ctx.WeightStorage == WeightStorage.Float32)
        {
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.Gemm.Run({a}, {ctx.Weights.Add(packed)}, {tail});");
            return;
        }

        ctx.Writer.WriteLine($"{EmitContext.Runtime}.DecodedGemm.Run{ctx.WeightStorage.Decoder()}({a}, {LayerWeights.Store(ctx, node, packed, n)}, {tail}, {ctx.Scratch(node)});");
    }

    /// <summary>C scaled by beta as a per-column bias (length N) or a full [M, N] matrix; "default" for none.</summary>
    private static string GemmBias(EmitContext ctx, Node node, int m, int n)
    {
        if (!node.HasInput(2)) return "default";
        // GemmLowering has turned a run-time C into an Add, so C here is a constant.
        var name = node.Input(2);
        var beta = node.GetFloat("beta", 1f);
        var c = ctx.ConstantData(name);
        var dims = ctx.Dims(name);
        var rows = dims.Length == 2 ? dims[0] : 1;
        var perColumn = rows == 1 || m == 1;
        var length = perColumn ? n : m * n;
        var cols = dims.Length == 0 ? 1 : dims[dims.Length - 1];
        var bias = new float[length];
        for (var i = 0; i < length; i++)
        {
            var row = i / n;
            var col = i % n;
            var source = (rows == 1 ? 0 : row * cols) + (cols == 1 ? 0 : col);
            bias[i] = c[source] * beta;
        }

        return ctx.Weights.Add(bias);
    }

    private static void MatMul(EmitContext ctx, Node node)
    {
        var a = ctx.Dims(node.Inputs[0]);
        var b = ctx.Dims(node.Inputs[1]);
        var y = node.Outputs[0];
        var k = (int)a[a.Length - 1];
        if (ctx.IsConstant(node.Inputs[1]) && b.Length <= 2)
        {
            // Constant 2-D weights: every row of A times B is one GEMM with B packed as [N, K].
            var n = b.Length == 1 ? 1 : (int)b[1];
            var rows = ctx.Count(node.Inputs[0]) / k;
            var packed = PackTransposed(ctx.ConstantData(node.Inputs[1]), k, n, transposed: false, 1f);
            EmitPackedGemm(ctx, node, ctx.Read(node.Inputs[0]), packed, "default", rows, n, k);
            return;
        }

        EmitBatchedMatMul(ctx, node, a, b);
        if (node.Activation is not null)
        {
            ElementwiseEmitters.EmitActivation(ctx, node.Activation, ctx.Write(y), ctx.Count(y));
        }
    }

    private static void EmitBatchedMatMul(EmitContext ctx, Node node, long[] a, long[] b)
    {
        var a2 = a.Length == 1 ? new[] { 1, a[0] } : a;
        var b2 = b.Length == 1 ? new[] { b[0], 1 } : b;
        var m = (int)a2[a2.Length - 2];
        var k = (int)a2[a2.Length - 1];
        var n = (int)b2[b2.Length - 1];
        var aBatch = a2.Take(a2.Length - 2).ToArray();
        var bBatch = b2.Take(b2.Length - 2).ToArray();
        var batch = ElementwiseShapes.Broadcast(ctx.Shape(node), aBatch, bBatch);
        var batchCount = (int)Graph.Shape.ElementCount(batch);
        var aCount = (int)Graph.Shape.ElementCount(aBatch);
        var bCount = (int)Graph.Shape.ElementCount(bBatch);
        var aRead = ctx.Read(node.Inputs[0]);
        var bRead = ctx.Read(node.Inputs[1]);
        var yWrite = ctx.Write(node.Outputs[0]);
        if ((aCount == batchCount || aCount == 1) && (bCount == batchCount || bCount == 1))
        {
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.MatMul.Run({aRead}, {bRead}, {yWrite}, {batchCount}, {m}, {n}, {k}, {(aCount == 1 ? 0 : m * k)}, {(bCount == 1 ? 0 : k * n)});");
            return;
        }

        // Mixed broadcasting of batch dims: one call per output batch, offsets resolved here.
        var aIndex = Graph.Shape.BroadcastSourceIndex(aBatch, batch);
        var bIndex = Graph.Shape.BroadcastSourceIndex(bBatch, batch);
        for (var i = 0; i < batchCount; i++)
        {
            ctx.Writer.WriteLine($"{EmitContext.Runtime}.MatMul.Run({aRead}.Slice({aIndex(i) * m * k}, {m * k}), {bRead}.Slice({bIndex(i) * k * n}, {k * n}), {yWrite}.Slice({i * m * n}, {m * n}), 1, {m}, {n}, {k}, 0, 0);");
        }
    }

    /// <summary>Returns [cols, rows] from a row-major [rows, cols] matrix (or copies it when already transposed), times <paramref name="scale"/>.</summary>
    private static float[] PackTransposed(float[] source, int rows, int cols, bool transposed, float scale)
    {
        var result = new float[source.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var from = (r * cols) + c;
                var to = transposed ? from : (c * rows) + r;
                result[to] = source[from] * scale;
            }
        }

        return result;
    }
}
