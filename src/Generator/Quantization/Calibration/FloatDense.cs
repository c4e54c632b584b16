using System;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// A dense layer of the build-time float evaluator, its weights packed once as [in, out] so the vector loop runs
/// along the outputs: each output still starts at its bias and adds x[k] * w[n, k] in k order, bit for bit the dot
/// product.
/// </summary>
internal sealed class FloatDense
{
    private readonly DenseLayer _layer;
    private readonly float[] _weights;

    public FloatDense(DenseLayer layer)
    {
        _layer = layer;
        _weights = FloatLayoutOps.TransposeMatrix(layer.Weights, layer.Out, layer.In);
    }

    public float[] Run(float[] x)
    {
        var (rows, depth, width) = (_layer.Rows, _layer.In, _layer.Out);
        var y = new float[rows * width];
        for (var m = 0; m < rows; m++)
        {
            var sums = y.AsSpan(m * width, width);
            _layer.Bias.CopyTo(sums);
            for (var k = 0; k < depth; k++) FloatSpans.MultiplyAdd(sums, new ReadOnlySpan<float>(_weights, k * width, width), x[m * depth + k]);
            for (var n = 0; n < width; n++) sums[n] = FloatActivations.Apply(_layer.Activation, sums[n]);
        }

        return y;
    }
}
