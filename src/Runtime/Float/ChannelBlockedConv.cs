using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>How <see cref="ChannelBlockedConv"/> feeds input values to a block of output channels.</summary>
internal enum ChannelBlocking
{
    /// <summary>Not used: rows are wide enough for the row-run path, or the tiles would not fit.</summary>
    None,
    /// <summary>The block's channels share one group's input: each tap broadcasts one input value.</summary>
    SharedInput,
    /// <summary>Depthwise: each lane reads its own input channel, gathered once into a [position, lane] tile.</summary>
    PerLaneInput,
}

/// <summary>
/// Direct conv vectorised across output channels: per output pixel, Vector&lt;float&gt;.Count output channels accumulate
/// together, each tap adding a vector of their weights times the input. Used where output rows are too short or strided
/// for the row-run path to vectorise (keyword spotters' 25x5 maps, strided first layers).
/// </summary>
internal static class ChannelBlockedConv
{
    /// <summary>Floats in each stack tile a caller provides (8 KiB).</summary>
    public const int TileCapacity = 2048;

    public static ChannelBlocking Choose(in Conv2DShape s)
    {
        int lanes = Vector<float>.Count;
        bool wideRows = s.StrideWidth == 1 && s.OutWidth >= 2 * lanes;
        if (!Vector.IsHardwareAccelerated || wideRows || s.OutChannels < lanes)
        {
            return ChannelBlocking.None;
        }

        int taps = s.KernelHeight * s.KernelWidth, channelsPerGroup = s.InChannels / s.Groups;
        if (channelsPerGroup == 1 && s.InHeight * s.InWidth * lanes <= TileCapacity && taps * lanes <= TileCapacity)
        {
            return ChannelBlocking.PerLaneInput;
        }

        return s.OutChannels / s.Groups >= lanes && channelsPerGroup * taps * lanes <= TileCapacity
            ? ChannelBlocking.SharedInput
            : ChannelBlocking.None;
    }

    /// <summary>Whether output channels [firstOut, firstOut + Vector&lt;float&gt;.Count) can run as one block.</summary>
    public static bool CanBlock(ChannelBlocking blocking, int firstOut, in Conv2DShape s)
    {
        int lastOut = firstOut + Vector<float>.Count - 1;
        int outChannelsPerGroup = s.OutChannels / s.Groups;
        return blocking switch
        {
            ChannelBlocking.PerLaneInput => lastOut < s.OutChannels,
            ChannelBlocking.SharedInput => lastOut < s.OutChannels && firstOut / outChannelsPerGroup == lastOut / outChannelsPerGroup,
            _ => false,
        };
    }

    /// <summary>
    /// Writes bias + sum (no activation) for output channels [firstOut, firstOut + Vector&lt;float&gt;.Count) of one batch
    /// item; xBatch and yBatch are that item's input and output planes.
    /// </summary>
    public static void RunBlock(ChannelBlocking blocking, ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                                Span<float> yBatch, int firstOut, in Conv2DShape s, Span<float> weightTile, Span<float> inputTile)
    {
        int lanes = Vector<float>.Count;
        int channels = s.InChannels / s.Groups;
        int weightsPerChannel = channels * s.KernelHeight * s.KernelWidth;
        int inPlane = s.InHeight * s.InWidth;
        // Transpose the block's weights to [tap, lane] so each tap is one vector load.
        for (int lane = 0; lane < lanes; lane++)
        {
            ReadOnlySpan<float> wLane = w.Slice((firstOut + lane) * weightsPerChannel, weightsPerChannel);
            for (int t = 0; t < weightsPerChannel; t++)
            {
                weightTile[t * lanes + lane] = wLane[t];
            }
        }

        Vector<float> start = bias.IsEmpty ? Vector<float>.Zero : new Vector<float>(bias.Slice(firstOut, lanes));
        ref float weights = ref MemoryMarshal.GetReference(weightTile.Slice(0, weightsPerChannel * lanes));
        if (blocking == ChannelBlocking.PerLaneInput)
        {
            int outChannelsPerGroup = s.OutChannels / s.Groups;
            for (int lane = 0; lane < lanes; lane++)
            {
                ReadOnlySpan<float> plane = xBatch.Slice((firstOut + lane) / outChannelsPerGroup * inPlane, inPlane);
                for (int p = 0; p < inPlane; p++)
                {
                    inputTile[p * lanes + lane] = plane[p];
                }
            }

            ref float input = ref MemoryMarshal.GetReference(inputTile.Slice(0, inPlane * lanes));
            Accumulate(default(PerLaneInput), ref input, ref weights, start, yBatch, firstOut, s);
        }
        else
        {
            int firstIn = firstOut / (s.OutChannels / s.Groups) * channels;
            ref float input = ref MemoryMarshal.GetReference(xBatch.Slice(firstIn * inPlane, channels * inPlane));
            Accumulate(default(SharedInput), ref input, ref weights, start, yBatch, firstOut, s);
        }
    }

    private static void Accumulate<TInput>(TInput source, ref float input, ref float weights, Vector<float> start,
                                           Span<float> yBatch, int firstOut, in Conv2DShape s)
        where TInput : struct, IBlockInput
    {
        int lanes = Vector<float>.Count;
        int inPlane = s.InHeight * s.InWidth, outPlane = s.OutHeight * s.OutWidth;
        int channels = s.InChannels / s.Groups;
        Span<float> yBlock = yBatch.Slice(firstOut * outPlane, lanes * outPlane);
        for (int oh = 0; oh < s.OutHeight; oh++)
        {
            int top = oh * s.StrideHeight - s.PadTop;
            WindowMath.TapRange(top, s.DilationHeight, s.KernelHeight, s.InHeight, out int khFirst, out int khEnd);
            for (int ow = 0; ow < s.OutWidth; ow++)
            {
                int left = ow * s.StrideWidth - s.PadLeft;
                WindowMath.TapRange(left, s.DilationWidth, s.KernelWidth, s.InWidth, out int kwFirst, out int kwEnd);
                Vector<float> sum = start;
                // TapRange keeps every position below inside the input planes, and every tap inside the weight tile.
                for (int c = 0; c < channels; c++)
                {
                    for (int kh = khFirst; kh < khEnd; kh++)
                    {
                        int position = c * inPlane + (top + kh * s.DilationHeight) * s.InWidth + left;
                        int tap = (c * s.KernelHeight + kh) * s.KernelWidth;
                        for (int kw = kwFirst; kw < kwEnd; kw++)
                        {
                            sum += Vector.LoadUnsafe(ref weights, (nuint)((tap + kw) * lanes)) *
                                   source.Load(ref input, position + kw * s.DilationWidth);
                        }
                    }
                }

                int pixel = oh * s.OutWidth + ow;
                for (int lane = 0; lane < lanes; lane++)
                {
                    yBlock[lane * outPlane + pixel] = sum[lane];
                }
            }
        }
    }

    /// <summary>The input of every lane at an input position.</summary>
    private interface IBlockInput
    {
        Vector<float> Load(ref float input, int position);
    }

    private readonly struct SharedInput : IBlockInput
    {
        public Vector<float> Load(ref float input, int position) => new(Unsafe.Add(ref input, position));
    }

    private readonly struct PerLaneInput : IBlockInput
    {
        public Vector<float> Load(ref float input, int position) =>
            Vector.LoadUnsafe(ref input, (nuint)(position * Vector<float>.Count));
    }
}
