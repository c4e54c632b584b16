using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>
/// The 1x1 stride-1 unpadded conv of one group as a GEMM over channels: Y[M, P] = W[M, C] · X[C, P] + bias.
/// Output channels go four at a time so each load of X feeds four accumulators held in registers.
/// </summary>
internal static class PointwiseConv
{
    private const int RowBlock = 4;

    /// <summary>x [channels, pixels], w [outChannels, channels], bias empty or [outChannels], y [outChannels, pixels].</summary>
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
                           int outChannels, int channels, int pixels)
    {
        x = x.Slice(0, channels * pixels);
        int blocked = Vector.IsHardwareAccelerated ? outChannels - outChannels % RowBlock : 0;
        Span<float> biasBlock = stackalloc float[RowBlock];
        for (int m = 0; m < blocked; m += RowBlock)
        {
            for (int r = 0; r < RowBlock; r++)
            {
                biasBlock[r] = bias.IsEmpty ? 0f : bias[m + r];
            }

            RunBlock(x, w.Slice(m * channels, RowBlock * channels), biasBlock, y.Slice(m * pixels, RowBlock * pixels), channels, pixels);
        }

        // Leftover channels (or no SIMD): one plane at a time, accumulating whole input planes.
        for (int m = blocked; m < outChannels; m++)
        {
            Span<float> yRow = y.Slice(m * pixels, pixels);
            yRow.Fill(bias.IsEmpty ? 0f : bias[m]);
            for (int c = 0; c < channels; c++)
            {
                VectorLoops.MultiplyAccumulate(x.Slice(c * pixels, pixels), w[m * channels + c], yRow);
            }
        }
    }

    private static void RunBlock(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
                                 int channels, int pixels)
    {
        // Lengths were sliced exactly by the caller, so the unchecked accesses below stay in range.
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref MemoryMarshal.GetReference(w);
        ref float w1 = ref Unsafe.Add(ref w0, channels);
        ref float w2 = ref Unsafe.Add(ref w1, channels);
        ref float w3 = ref Unsafe.Add(ref w2, channels);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int p = 0;
        for (; p <= pixels - Vector<float>.Count; p += Vector<float>.Count)
        {
            var a0 = new Vector<float>(bias[0]);
            var a1 = new Vector<float>(bias[1]);
            var a2 = new Vector<float>(bias[2]);
            var a3 = new Vector<float>(bias[3]);
            for (int c = 0; c < channels; c++)
            {
                Vector<float> xv = Vector.LoadUnsafe(ref xs, (nuint)(c * pixels + p));
                a0 += xv * Unsafe.Add(ref w0, c);
                a1 += xv * Unsafe.Add(ref w1, c);
                a2 += xv * Unsafe.Add(ref w2, c);
                a3 += xv * Unsafe.Add(ref w3, c);
            }

            a0.StoreUnsafe(ref ys, (nuint)p);
            a1.StoreUnsafe(ref ys, (nuint)(pixels + p));
            a2.StoreUnsafe(ref ys, (nuint)(2 * pixels + p));
            a3.StoreUnsafe(ref ys, (nuint)(3 * pixels + p));
        }

        for (; p < pixels; p++)
        {
            float s0 = bias[0], s1 = bias[1], s2 = bias[2], s3 = bias[3];
            for (int c = 0; c < channels; c++)
            {
                float xv = Unsafe.Add(ref xs, c * pixels + p);
                s0 += xv * Unsafe.Add(ref w0, c);
                s1 += xv * Unsafe.Add(ref w1, c);
                s2 += xv * Unsafe.Add(ref w2, c);
                s3 += xv * Unsafe.Add(ref w3, c);
            }

            Unsafe.Add(ref ys, p) = s0;
            Unsafe.Add(ref ys, pixels + p) = s1;
            Unsafe.Add(ref ys, 2 * pixels + p) = s2;
            Unsafe.Add(ref ys, 3 * pixels + p) = s3;
        }
    }
}
