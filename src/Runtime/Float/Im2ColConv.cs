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

    /// <summary>Pixels per chunk when the whole map does not fit: 256 keeps a block 64 window rows deep or more.</summary>
    private const int MaxChunkColumns = 256;

    /// <summary>True when a group has four output channels or more (depthwise layers take other paths) and a map of a vector or more.</summary>
    public static bool Applies(in Conv2DShape s) =>
        Vector.IsHardwareAccelerated && s.OutChannels / s.Groups >= 4 && Plan(s, out _, out _);

    /// <summary>Writes bias + sum (no activation) for every output of one batch item.</summary>
    public static void Run(ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> yBatch,
                           in Conv2DShape s, Span<float> buffer)
    {
        Plan(s, out int columns, out int depthBlock);
        int depth = Depth(s), pixels = s.OutHeight * s.OutWidth;
        int channelsPerGroup = s.InChannels / s.Groups, outChannelsPerGroup = s.OutChannels / s.Groups;
        int inPlane = s.InHeight * s.InWidth;
        for (int g = 0; g < s.Groups; g++)
        {
            ReadOnlySpan<float> xGroup = xBatch.Slice(g * channelsPerGroup * inPlane, channelsPerGroup * inPlane);
            ReadOnlySpan<float> wGroup = w.Slice(g * outChannelsPerGroup * depth, outChannelsPerGroup * depth);
            ReadOnlySpan<float> biasGroup = bias.IsEmpty ? bias : bias.Slice(g * outChannelsPerGroup, outChannelsPerGroup);
            Span<float> yGroup = yBatch.Slice(g * outChannelsPerGroup * pixels, outChannelsPerGroup * pixels);
            for (int next = 0; ; next += columns)
            {
                // The last chunk ends at the last pixel, overlapping the one before: it recomputes those sums from the bias.
                int first = Math.Min(next, pixels - columns);
                for (int k = 0; k < depth; k += depthBlock)
                {
                    int rows = Math.Min(depthBlock, depth - k);
                    Gather(xGroup, s, k, rows, first, columns, buffer);
                    ChannelGemm.Run(buffer, columns, wGroup.Slice(k), depth, biasGroup, yGroup.Slice(first), pixels,
                                    outChannelsPerGroup, rows, columns, continueSums: k > 0);
                }

                if (first + columns == pixels)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Pixels per chunk and window rows per block so one block fits the buffer: the whole map and window when they fit,
    /// else chunks of whole two-vector tiles (up to <see cref="MaxChunkColumns"/>), so later blocks can continue the sums.
    /// </summary>
    private static bool Plan(in Conv2DShape s, out int columns, out int depthBlock)
    {
        int depth = Depth(s), pixels = s.OutHeight * s.OutWidth, tile = ChannelGemm.TileColumns;
        if (depth * pixels <= BufferCapacity)
        {
            columns = pixels;
            depthBlock = depth;
            return pixels >= Vector<float>.Count;
        }

        columns = Math.Min(pixels / tile * tile, MaxChunkColumns);
        depthBlock = columns == 0 ? 0 : Math.Min(depth, BufferCapacity / columns);
        return columns > 0;
    }

    /// <summary>Window rows [firstRow, firstRow + rows), in (c, kh, kw) order, for output pixels [first, first + count).</summary>
    private static void Gather(ReadOnlySpan<float> xGroup, in Conv2DShape s, int firstRow, int rows, int first, int count,
                               Span<float> buffer)
    {
        int inPlane = s.InHeight * s.InWidth, taps = s.KernelHeight * s.KernelWidth;
        for (int r = 0; r < rows; r++)
        {
            int row = firstRow + r, tap = row % taps;
            int kh = tap / s.KernelWidth, kw = tap % s.KernelWidth;
            GatherTap(xGroup.Slice(row / taps * inPlane, inPlane), s, kh * s.DilationHeight - s.PadTop,
                      kw * s.DilationWidth - s.PadLeft, first, buffer.Slice(r * count, count));
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
