using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 CONV_2D (per-channel): NHWC input, OHWI weights, NHWC output. Padded taps are skipped, which is
/// padding with the input zero point. Weights have zero offset.
/// </summary>
public static class Int8Conv2D
{
    /// <summary>Runs the convolution. bias: empty = none, else one int32 per output channel.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                           in Int8ConvShape shape, int inputOffset, in Requantization requantization)
    {
        int channels = shape.InChannels, kernelW = shape.KernelWidth;
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            int originY = oy * shape.StrideHeight - shape.PadTop, originX = ox * shape.StrideWidth - shape.PadLeft;
            int firstTapX = Int8ConvShape.FirstTap(originX, shape.DilationWidth), endTapX = Int8ConvShape.EndTap(originX, shape.DilationWidth, shape.InWidth, kernelW);
            // With dilation 1 the in-range taps of a kernel row are adjacent in both x and w, so one dot covers them.
            int tapsPerDot = shape.DilationWidth == 1 ? Math.Max(endTapX - firstTapX, 0) : 1;
            int outputBase = ((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels;
            for (int o = 0; o < shape.OutChannels; o++)
            {
                int accumulator = bias.IsEmpty ? 0 : bias[o];
                for (int ky = 0; ky < shape.KernelHeight; ky++)
                {
                    int iy = originY + ky * shape.DilationHeight;
                    if ((uint)iy >= (uint)shape.InHeight)
                    {
                        continue;
                    }

                    for (int kx = firstTapX; kx < endTapX; kx += tapsPerDot)
                    {
                        int ix = originX + kx * shape.DilationWidth;
                        accumulator += Int8Dot.Run(
                            x.Slice(((b * shape.InHeight + iy) * shape.InWidth + ix) * channels, tapsPerDot * channels),
                            w.Slice(((o * shape.KernelHeight + ky) * kernelW + kx) * channels, tapsPerDot * channels),
                            inputOffset);
                    }
                }

                y[outputBase + o] = requantization.Apply(accumulator, o);
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
            int accumulator = 0;
            for (int ky = 0; ky < shape.KernelHeight; ky++)
            for (int kx = 0; kx < shape.KernelWidth; kx++)
            {
                int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
                int ix = ox * shape.StrideWidth - shape.PadLeft + kx * shape.DilationWidth;
                if (iy < 0 || iy >= shape.InHeight || ix < 0 || ix >= shape.InWidth)
                {
                    continue;
                }

                for (int c = 0; c < shape.InChannels; c++)
                {
                    int input = x[((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.InChannels + c];
                    int weight = w[((o * shape.KernelHeight + ky) * shape.KernelWidth + kx) * shape.InChannels + c];
                    accumulator += weight * (input + inputOffset);
                }
            }

            if (!bias.IsEmpty)
            {
                accumulator += bias[o];
            }

            y[((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels + o] = requantization.Apply(accumulator, o);
        }
    }
}
