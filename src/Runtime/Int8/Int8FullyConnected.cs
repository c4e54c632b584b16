using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 FULLY_CONNECTED: y[b, o] = requantize(sum_i (x[b, i] + inputOffset) * w[o, i] + bias[o], o).
/// Weights are [out, in] with zero offset (symmetric int8), per-tensor or per-channel scales.
/// </summary>
public static class Int8FullyConnected
{
    /// <summary>Runs the layer. bias: empty = none, else one int32 per output channel.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                           int batch, int inFeatures, int outFeatures, int inputOffset, in Requantization requantization)
    {
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<sbyte> row = x.Slice(b * inFeatures, inFeatures);
            for (int o = 0; o < outFeatures; o++)
            {
                int accumulator = Int8Dot.Run(row, w.Slice(o * inFeatures, inFeatures), inputOffset);
                y[b * outFeatures + o] = requantization.Apply(bias.IsEmpty ? accumulator : accumulator + bias[o], o);
            }
        }
    }

    /// <summary>TFLite's reference loop nest.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                                   int batch, int inFeatures, int outFeatures, int inputOffset, in Requantization requantization)
    {
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                int accumulator = 0;
                for (int i = 0; i < inFeatures; i++)
                {
                    accumulator += w[o * inFeatures + i] * (x[b * inFeatures + i] + inputOffset);
                }

                if (!bias.IsEmpty)
                {
                    accumulator += bias[o];
                }

                y[b * outFeatures + o] = requantization.Apply(accumulator, o);
            }
        }
    }
}
