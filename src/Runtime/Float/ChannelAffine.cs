using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>Per-channel y = x * scale[c] + shift[c] over [outer, channels, inner] (inference BatchNormalization, folded).</summary>
public static class ChannelAffine
{
    /// <summary>Runs the affine map; x and y may be the same span.</summary>
    public static void Run(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift,
                           int outer, int channels, int inner)
    {
        for (int o = 0; o < outer; o++)
        {
            int block = o * channels * inner;
            if (inner == 1)
            {
                // [N, C] layout: scale and shift line up with the row itself.
                TensorPrimitives.MultiplyAdd(x.Slice(block, channels), scale.Slice(0, channels), shift.Slice(0, channels),
                                             y.Slice(block, channels));
                continue;
            }

            for (int c = 0; c < channels; c++)
            {
                int row = block + c * inner;
                VectorLoops.Map(x.Slice(row, inner), y.Slice(row, inner), new AffineMap(scale[c], shift[c]));
            }
        }
    }
}
