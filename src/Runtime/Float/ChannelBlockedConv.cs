using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>How <see cref="ChannelBlockedConv"/> feeds input values to a block of output channels.</summary>
internal enum ChannelBlocking
{
    /// <summary>Not used: rows are wide enough for the row-run path, or the tiles would not fit.</summary>
    None,
    /// <summary>The block's channels share one group's input: <see cref="SharedInputConv"/>.</summary>
    SharedInput,
    /// <summary>Depthwise: each lane reads its own input channel, gathered once into a [position, lane] tile.</summary>
    PerLaneInput,
}

/// <summary>
/// Chooses direct conv vectorised across output channels where output rows are too short or strided for the row-run
/// path to vectorise (keyword spotters' 25x5 maps, strided first layers), and runs its depthwise form: per output pixel,
/// Vector&lt;float&gt;.Count output channels accumulate together, each tap adding a vector of their weights times the input.
/// </summary>
internal static class ChannelBlockedConv
{
    /// <summary>Floats in each stack tile a caller of the depthwise path provides (8 KiB).</summary>
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

        return s.OutChannels / s.Groups >= lanes && SharedInputConv.Fits(s)
            ? ChannelBlocking.SharedInput
            : ChannelBlocking.None;
    }

    /// <summary>Vectors of output channels from <paramref name="firstOut"/> that one pass of the path covers; 0 = none.</summary>
    public static int BlockCount(ChannelBlocking blocking, int firstOut, in Conv2DShape s) => blocking switch
    {
        ChannelBlocking.PerLaneInput => firstOut + Vector<float>.Count <= s.OutChannels ? 1 : 0,
        ChannelBlocking.SharedInput => SharedInputConv.BlockCount(firstOut, s),
        _ => 0,
    };

    /// <summary>
    /// Depthwise: writes bias + sum (no activation) for output channels [firstOut, firstOut + Vector&lt;float&gt;.Count)
    /// of one batch item, each lane reading its own input channel; xBatch and yBatch are that item's input and output planes.
    /// </summary>
    public static void RunPerLaneBlock(ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                                       Span<float> yBatch, int firstOut, in Conv2DShape s, Span<float> weightTile, Span<float> inputTile)
    {
        int lanes = Vector<float>.Count;
        int taps = s.KernelHeight * s.KernelWidth;
        int inPlane = s.InHeight * s.InWidth, outPlane = s.OutHeight * s.OutWidth;
        int outChannelsPerGroup = s.OutChannels / s.Groups;
        // Transpose the block's weights and input planes to [tap, lane] and [position, lane] so each is one vector load.
        for (int lane = 0; lane < lanes; lane++)
        {
            ReadOnlySpan<float> wLane = w.Slice((firstOut + lane) * taps, taps);
            for (int t = 0; t < taps; t++)
            {
                weightTile[t * lanes + lane] = wLane[t];
            }

            ReadOnlySpan<float> plane = xBatch.Slice((firstOut + lane) / outChannelsPerGroup * inPlane, inPlane);
            for (int p = 0; p < inPlane; p++)
            {
                inputTile[p * lanes + lane] = plane[p];
            }
        }

        Vector<float> start = bias.IsEmpty ? Vector<float>.Zero : new Vector<float>(bias.Slice(firstOut, lanes));
        ref float weights = ref MemoryMarshal.GetReference(weightTile.Slice(0, taps * lanes));
        ref float input = ref MemoryMarshal.GetReference(inputTile.Slice(0, inPlane * lanes));
        Span<float> yBlock = yBatch.Slice(firstOut * outPlane, lanes * outPlane);
        for (int oh = 0; oh < s.OutHeight; oh++)
        {
            for (int ow = 0; ow < s.OutWidth; ow++)
            {
                var window = new ConvWindow(s, oh, ow);
                Vector<float> sum = start;
                // TapRange keeps every position below inside the input tile, and every tap inside the weight tile.
                for (int kh = window.KhFirst; kh < window.KhEnd; kh++)
                {
                    int position = (window.Top + kh * s.DilationHeight) * s.InWidth + window.Left;
                    for (int kw = window.KwFirst; kw < window.KwEnd; kw++)
                    {
                        sum += Vector.LoadUnsafe(ref weights, (nuint)((kh * s.KernelWidth + kw) * lanes)) *
                               Vector.LoadUnsafe(ref input, (nuint)((position + kw * s.DilationWidth) * lanes));
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
}
