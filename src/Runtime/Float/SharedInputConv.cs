using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>
/// Direct conv over up to <see cref="MaxBlocks"/> vectors of output channels that share one group's input: per output
/// pixel and tap, one broadcast input value feeds one independent accumulator per block, so the adds of different
/// blocks overlap instead of waiting on one another. Each lane sums bias, then channels, then taps in the order of
/// <see cref="Conv2D.Reference"/>, so results are bit for bit the reference's.
/// </summary>
internal static class SharedInputConv
{
    /// <summary>Accumulator vectors per output pixel: enough independent adds to hide the add latency.</summary>
    public const int MaxBlocks = 4;

    /// <summary>Floats in the weight tile a caller provides (16 KiB).</summary>
    public const int WeightTileCapacity = 4096;

    /// <summary>Whether one block's weights for one input channel fit the tile, the least a pass needs.</summary>
    public static bool Fits(in Conv2DShape s) => s.KernelHeight * s.KernelWidth * Vector<float>.Count <= WeightTileCapacity;

    /// <summary>Whole vectors of output channels from <paramref name="firstOut"/> that one pass can cover: 0 to <see cref="MaxBlocks"/>.</summary>
    public static int BlockCount(int firstOut, in Conv2DShape s)
    {
        int outChannelsPerGroup = s.OutChannels / s.Groups;
        int groupEnd = (firstOut / outChannelsPerGroup + 1) * outChannelsPerGroup;
        return Math.Min(MaxBlocks, (groupEnd - firstOut) / Vector<float>.Count);
    }

    /// <summary>
    /// Writes bias + sum (no activation) for output channels [firstOut, firstOut + blocks * Vector&lt;float&gt;.Count) of
    /// one batch item. Input channels go in chunks whose transposed weights fit <paramref name="weightTile"/>; between
    /// chunks the partial sums wait in y, which float stores exactly.
    /// </summary>
    public static void Run(ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> yBatch,
                           int firstOut, int blocks, in Conv2DShape s, Span<float> weightTile)
    {
        switch (blocks)
        {
            case 1: Run(default(OneBlock), xBatch, w, bias, yBatch, firstOut, s, weightTile); break;
            case 2: Run(default(TwoBlocks), xBatch, w, bias, yBatch, firstOut, s, weightTile); break;
            case 3: Run(default(ThreeBlocks), xBatch, w, bias, yBatch, firstOut, s, weightTile); break;
            default: Run(default(FourBlocks), xBatch, w, bias, yBatch, firstOut, s, weightTile); break;
        }
    }

    private static void Run<TBlocks>(TBlocks count, ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                                     Span<float> yBatch, int firstOut, in Conv2DShape s, Span<float> weightTile)
        where TBlocks : struct, IBlockCount
    {
        int lanes = Vector<float>.Count, width = count.Blocks * lanes;
        int channels = s.InChannels / s.Groups, taps = s.KernelHeight * s.KernelWidth;
        int inPlane = s.InHeight * s.InWidth, outPlane = s.OutHeight * s.OutWidth;
        int chunk = Math.Min(channels, WeightTileCapacity / (taps * width));
        int firstIn = firstOut / (s.OutChannels / s.Groups) * channels;
        Span<float> yBlock = yBatch.Slice(firstOut * outPlane, width * outPlane);
        Span<float> lane = stackalloc float[MaxBlocks * Vector<float>.Count];
        for (int c0 = 0; c0 < channels; c0 += chunk)
        {
            int chunkChannels = Math.Min(chunk, channels - c0);
            Span<float> tile = weightTile.Slice(0, chunkChannels * taps * width);
            Transpose(w.Slice(firstOut * channels * taps, width * channels * taps), channels * taps, c0 * taps, tile, width);
            ref float weights = ref MemoryMarshal.GetReference(tile);
            ref float input = ref MemoryMarshal.GetReference(xBatch.Slice((firstIn + c0) * inPlane, chunkChannels * inPlane));
            for (int oh = 0; oh < s.OutHeight; oh++)
            {
                for (int ow = 0; ow < s.OutWidth; ow++)
                {
                    var window = new ConvWindow(s, oh, ow);
                    int pixel = oh * s.OutWidth + ow;
                    if (c0 > 0)
                    {
                        for (int j = 0; j < width; j++)
                        {
                            lane[j] = yBlock[j * outPlane + pixel];
                        }
                    }
                    else if (bias.IsEmpty)
                    {
                        lane.Slice(0, width).Clear();
                    }
                    else
                    {
                        bias.Slice(firstOut, width).CopyTo(lane);
                    }

                    ref float start = ref MemoryMarshal.GetReference(lane);
                    Vector<float> a0 = Vector.LoadUnsafe(ref start);
                    Vector<float> a1 = count.Blocks > 1 ? Vector.LoadUnsafe(ref start, (nuint)lanes) : default;
                    Vector<float> a2 = count.Blocks > 2 ? Vector.LoadUnsafe(ref start, (nuint)(2 * lanes)) : default;
                    Vector<float> a3 = count.Blocks > 3 ? Vector.LoadUnsafe(ref start, (nuint)(3 * lanes)) : default;
                    // TapRange keeps every position below inside the chunk's input planes, and every tap inside the tile.
                    for (int c = 0; c < chunkChannels; c++)
                    {
                        for (int kh = window.KhFirst; kh < window.KhEnd; kh++)
                        {
                            int position = c * inPlane + (window.Top + kh * s.DilationHeight) * s.InWidth + window.Left;
                            int tap = (c * s.KernelHeight + kh) * s.KernelWidth;
                            for (int kw = window.KwFirst; kw < window.KwEnd; kw++)
                            {
                                var xv = new Vector<float>(Unsafe.Add(ref input, position + kw * s.DilationWidth));
                                ref float wt = ref Unsafe.Add(ref weights, (tap + kw) * width);
                                a0 += Vector.LoadUnsafe(ref wt) * xv;
                                if (count.Blocks > 1) a1 += Vector.LoadUnsafe(ref wt, (nuint)lanes) * xv;
                                if (count.Blocks > 2) a2 += Vector.LoadUnsafe(ref wt, (nuint)(2 * lanes)) * xv;
                                if (count.Blocks > 3) a3 += Vector.LoadUnsafe(ref wt, (nuint)(3 * lanes)) * xv;
                            }
                        }
                    }

                    a0.StoreUnsafe(ref start);
                    if (count.Blocks > 1) a1.StoreUnsafe(ref start, (nuint)lanes);
                    if (count.Blocks > 2) a2.StoreUnsafe(ref start, (nuint)(2 * lanes));
                    if (count.Blocks > 3) a3.StoreUnsafe(ref start, (nuint)(3 * lanes));
                    for (int j = 0; j < width; j++)
                    {
                        yBlock[j * outPlane + pixel] = lane[j];
                    }
                }
            }
        }
    }

    /// <summary>tile[t, j] = rows[j, first + t]: each tap's weights for all the pass's output channels, one load per block.</summary>
    private static void Transpose(ReadOnlySpan<float> rows, int rowLength, int first, Span<float> tile, int width)
    {
        int length = tile.Length / width;
        for (int j = 0; j < width; j++)
        {
            ReadOnlySpan<float> row = rows.Slice(j * rowLength + first, length);
            for (int t = 0; t < row.Length; t++)
            {
                tile[t * width + j] = row[t];
            }
        }
    }

    /// <summary>Blocks per pass as a type, so each count compiles to its own loop with only live accumulators.</summary>
    private interface IBlockCount
    {
        int Blocks { get; }
    }

    private readonly struct OneBlock : IBlockCount { public int Blocks => 1; }
    private readonly struct TwoBlocks : IBlockCount { public int Blocks => 2; }
    private readonly struct ThreeBlocks : IBlockCount { public int Blocks => 3; }
    private readonly struct FourBlocks : IBlockCount { public int Blocks => 4; }
}
