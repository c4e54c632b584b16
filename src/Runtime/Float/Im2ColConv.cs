using System;
using System.Numerics;

namespace QuantizedModels.Runtime;

/// <summary>
/// A grouped or dense convolution as <see cref="ChannelGemm"/> over im2col chunks: the window values of a run of output
/// pixels are gathered into [C/group x KH x KW, pixels] rows (zeros where the window is over padding), then multiplied
/// by the weights in their ONNX layout [M, C/group x KH x KW]. Strided first layers and narrow maps, which the row-run
/// path cannot vectorise, become one dense register-tiled product. A padded tap adds an exact zero product, so results
/// equal <see cref="Conv2D.Reference"/>'s (finite weights).
/// </summary>
internal static class Im2ColConv
{
    /// <summary>Floats in the stack buffer a caller provides (64 KiB).</summary>
    public const int BufferCapacity = 16384;

    /// <summary>True when a group has four output channels or more and a chunk of two vectors of pixels (or the whole map) fits the buffer.</summary>
    public static bool Applies(in Conv2DShape s)
    {
        if (!Vector.IsHardwareAccelerated)
        {
            return false;
        }

        int depth = Depth(s), pixels = s.OutHeight * s.OutWidth;
        // Below four output channels per group (depthwise) the GEMM has no row block; other paths serve those.
        return s.OutChannels / s.Groups >= 4 && depth * Math.Min(pixels, 2 * Vector<float>.Count) <= BufferCapacity &&
               pixels >= Vector<float>.Count;
    }

    /// <summary>Writes bias + sum (no activation) for every output of one batch item.</summary>
    public static void Run(ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> yBatch,
                           in Conv2DShape s, Span<float> buffer)
    {
        int depth = Depth(s), pixels = s.OutHeight * s.OutWidth;
        int chunk = Math.Min(pixels, BufferCapacity / depth);
        int channelsPerGroup = s.InChannels / s.Groups, outChannelsPerGroup = s.OutChannels / s.Groups;
        int inPlane = s.InHeight * s.InWidth;
        for (int g = 0; g < s.Groups; g++)
        {
            ReadOnlySpan<float> xGroup = xBatch.Slice(g * channelsPerGroup * inPlane, channelsPerGroup * inPlane);
            ReadOnlySpan<float> wGroup = w.Slice(g * outChannelsPerGroup * depth, outChannelsPerGroup * depth);
            ReadOnlySpan<float> biasGroup = bias.IsEmpty ? bias : bias.Slice(g * outChannelsPerGroup, outChannelsPerGroup);
            Span<float> yGroup = yBatch.Slice(g * outChannelsPerGroup * pixels, outChannelsPerGroup * pixels);
            for (int first = 0; first < pixels; first += chunk)
            {
                int count = Math.Min(chunk, pixels - first);
                Gather(xGroup, s, first, count, buffer);
                ChannelGemm.Run(buffer, count, wGroup, biasGroup, yGroup.Slice(first), pixels, outChannelsPerGroup, depth, count);
            }
        }
    }

    /// <summary>Row (c, kh, kw) of the chunk holds the input under that tap for output pixels [first, first + count).</summary>
    private static void Gather(ReadOnlySpan<float> xGroup, in Conv2DShape s, int first, int count, Span<float> buffer)
    {
        int inPlane = s.InHeight * s.InWidth, channels = s.InChannels / s.Groups;
        int row = 0;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> plane = xGroup.Slice(c * inPlane, inPlane);
            for (int kh = 0; kh < s.KernelHeight; kh++)
            {
                for (int kw = 0; kw < s.KernelWidth; kw++, row++)
                {
                    GatherTap(plane, s, kh * s.DilationHeight - s.PadTop, kw * s.DilationWidth - s.PadLeft,
                              first, buffer.Slice(row * count, count));
                }
            }
        }
    }

    /// <summary>One tap's row, output row by output row: zeros outside the columns whose input is in range.</summary>
    private static void GatherTap(ReadOnlySpan<float> plane, in Conv2DShape s, int rowOffset, int columnOffset, int first,
                                  Span<float> target)
    {
        WindowMath.OutputRange(columnOffset, s.StrideWidth, s.InWidth, s.OutWidth, out int owFirst, out int owEnd);
        int done = 0;
        for (int oh = first / s.OutWidth, ow = first % s.OutWidth; done < target.Length; oh++, ow = 0)
        {
            int length = Math.Min(s.OutWidth - ow, target.Length - done);
            Span<float> segment = target.Slice(done, length);
            int ih = oh * s.StrideHeight + rowOffset;
            if ((uint)ih >= (uint)s.InHeight)
            {
                segment.Clear();
            }
            else
            {
                // Columns [ow, ow + length) of this output row: in-range ones copy, the rest are padding.
                int copyFirst = Math.Clamp(owFirst, ow, ow + length), copyEnd = Math.Clamp(owEnd, copyFirst, ow + length);
                segment.Slice(0, copyFirst - ow).Clear();
                segment.Slice(copyEnd - ow).Clear();
                Span<float> copied = segment.Slice(copyFirst - ow, copyEnd - copyFirst);
                ReadOnlySpan<float> source = plane.Slice(ih * s.InWidth + copyFirst * s.StrideWidth + columnOffset);
                if (s.StrideWidth == 1)
                {
                    source.Slice(0, copied.Length).CopyTo(copied);
                }
                else
                {
                    for (int j = 0; j < copied.Length; j++)
                    {
                        copied[j] = source[j * s.StrideWidth];
                    }
                }
            }

            done += length;
        }
    }

    private static int Depth(in Conv2DShape s) => s.InChannels / s.Groups * s.KernelHeight * s.KernelWidth;
}
