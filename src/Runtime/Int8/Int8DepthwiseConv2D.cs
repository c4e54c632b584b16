using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 DEPTHWISE_CONV_2D (per-channel): NHWC input, 1HWO weights with O = inChannels * depthMultiplier
/// (output channel o reads input channel o / depthMultiplier), NHWC output. Padded taps are skipped.
/// </summary>
public static class Int8DepthwiseConv2D
{
    private const int BlockChannels = 16;

    /// <summary>Runs the convolution. bias: empty = none, else one int32 per output channel.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                           in Int8ConvShape shape, int inputOffset, in Requantization requantization)
    {
        // With multiplier 1 input and output channels line up, so 16 channels accumulate per vector step.
        bool vectorBlocks = shape.OutChannels == shape.InChannels && Vector128.IsHardwareAccelerated;
        int blockedChannels = vectorBlocks ? shape.OutChannels - shape.OutChannels % BlockChannels : 0;
        Span<int> blockSums = stackalloc int[BlockChannels];
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            int outputBase = ((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels;
            for (int o = 0; o < blockedChannels; o += BlockChannels)
            {
                AccumulateBlock(x, w, shape, b, oy, ox, o, inputOffset, blockSums);
                for (int lane = 0; lane < BlockChannels; lane++)
                {
                    int accumulator = bias.IsEmpty ? blockSums[lane] : blockSums[lane] + bias[o + lane];
                    y[outputBase + o + lane] = requantization.Apply(accumulator, o + lane);
                }
            }

            for (int o = blockedChannels; o < shape.OutChannels; o++)
            {
                int accumulator = Accumulate(x, w, shape, b, oy, ox, o, inputOffset);
                y[outputBase + o] = requantization.Apply(bias.IsEmpty ? accumulator : accumulator + bias[o], o);
            }
        }
    }

    /// <summary>TFLite's reference loop nest.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                                   in Int8ConvShape shape, int inputOffset, in Requantization requantization)
    {
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        for (int o = 0; o < shape.OutChannels; o++)
        {
            int accumulator = Accumulate(x, w, shape, b, oy, ox, o, inputOffset);
            if (!bias.IsEmpty)
            {
                accumulator += bias[o];
            }

            y[((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels + o] = requantization.Apply(accumulator, o);
        }
    }

    /// <summary>sum over in-range taps of w * (x + inputOffset) for one output channel.</summary>
    private static int Accumulate(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, in Int8ConvShape shape,
                                  int b, int oy, int ox, int o, int inputOffset)
    {
        int depthMultiplier = shape.OutChannels / shape.InChannels, accumulator = 0;
        for (int ky = 0; ky < shape.KernelHeight; ky++)
        for (int kx = 0; kx < shape.KernelWidth; kx++)
        {
            int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
            int ix = ox * shape.StrideWidth - shape.PadLeft + kx * shape.DilationWidth;
            if (iy < 0 || iy >= shape.InHeight || ix < 0 || ix >= shape.InWidth)
            {
                continue;
            }

            int input = x[((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.InChannels + o / depthMultiplier];
            accumulator += w[(ky * shape.KernelWidth + kx) * shape.OutChannels + o] * (input + inputOffset);
        }

        return accumulator;
    }

    /// <summary>Sums of 16 adjacent channels starting at <paramref name="o"/> (multiplier 1), widened to int32 lanes.</summary>
    private static void AccumulateBlock(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, in Int8ConvShape shape,
                                        int b, int oy, int ox, int o, int inputOffset, Span<int> sums)
    {
        Vector128<int> offset = Vector128.Create(inputOffset);
        Vector128<int> sum0 = Vector128<int>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
        for (int ky = 0; ky < shape.KernelHeight; ky++)
        {
            int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
            if ((uint)iy >= (uint)shape.InHeight)
            {
                continue;
            }

            for (int kx = 0; kx < shape.KernelWidth; kx++)
            {
                int ix = ox * shape.StrideWidth - shape.PadLeft + kx * shape.DilationWidth;
                if ((uint)ix >= (uint)shape.InWidth)
                {
                    continue;
                }

                var xv = Vector128.Create(x.Slice(((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.InChannels + o, BlockChannels));
                var wv = Vector128.Create(w.Slice((ky * shape.KernelWidth + kx) * shape.OutChannels + o, BlockChannels));
                (Vector128<int> x0, Vector128<int> x1, Vector128<int> x2, Vector128<int> x3) = Int8Widening.ToInt32(xv);
                (Vector128<int> w0, Vector128<int> w1, Vector128<int> w2, Vector128<int> w3) = Int8Widening.ToInt32(wv);
                sum0 += (x0 + offset) * w0;
                sum1 += (x1 + offset) * w1;
                sum2 += (x2 + offset) * w2;
                sum3 += (x3 + offset) * w3;
            }
        }

        sum0.CopyTo(sums);
        sum1.CopyTo(sums.Slice(4));
        sum2.CopyTo(sums.Slice(8));
        sum3.CopyTo(sums.Slice(12));
    }
}
