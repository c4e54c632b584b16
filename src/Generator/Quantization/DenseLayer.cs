using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// A Gemm, or a MatMul with constant 2-D weights, in one canonical form: y[m, n] = activation(sum_k x[m, k] * w[n, k]
/// + bias[n]), with alpha and beta folded in. Calibration runs it in float (<see cref="Calibration.FloatDense"/>) and the int8 lowering quantizes it.
/// </summary>
internal sealed record DenseLayer(int Rows, int In, int Out, float[] Weights, float[] Bias, FusedActivation? Activation)
{
    /// <summary>The node as a dense layer, or null when it is not one (run-time weights, transposed input, matrix bias).</summary>
    public static DenseLayer? From(ModelGraph graph, Node node)
    {
        var isGemm = node.OpType == "Gemm";
        if (!(isGemm || node.OpType == "MatMul") || !node.HasInput(1)) return null;
        var b = graph.GetValue(node.Inputs[1]);
        if (b.Constant is null || b.Dims!.Length != 2 || (isGemm && node.GetInt("transA", 0) != 0)) return null;
        var transB = isGemm && node.GetInt("transB", 0) != 0;
        var k = (int)(transB ? b.Dims[1] : b.Dims[0]);
        var n = (int)(transB ? b.Dims[0] : b.Dims[1]);
        var alpha = isGemm ? node.GetFloat("alpha", 1f) : 1f;
        var source = b.Constant.ToFloats();
        var weights = new float[n * k];
        for (var o = 0; o < n; o++)
        {
            for (var i = 0; i < k; i++)
            {
                weights[o * k + i] = alpha * (transB ? source[o * k + i] : source[i * n + o]);
            }
        }

        var bias = new float[n];
        if (isGemm && node.HasInput(2))
        {
            var c = graph.GetValue(node.Input(2));
            if (c.Constant is null || (c.ElementCount != 1 && c.ElementCount != n)) return null;
            var values = c.Constant.ToFloats();
            var beta = node.GetFloat("beta", 1f);
            for (var o = 0; o < n; o++) bias[o] = beta * values[values.Length == 1 ? 0 : o];
        }

        var rows = (int)(graph.GetValue(node.Inputs[0]).ElementCount / k);
        return new DenseLayer(rows, k, n, weights, bias, node.Activation);
    }
}
