using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace QuantizedModels.Runtime;

/// <summary>ONNX Conv over NCHW with groups, zero padding, strides and dilations.</summary>
public static class Conv2D
{
    /// <summary>Runs the convolution. bias: empty = none, else one value per output channel.</summary>
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
                           in Conv2DShape shape, Activation activation)
    {
        if (IsPointwise(shape))
        {
            RunPointwise(x, w, bias, y, shape, activation);
            return;
        }

        if (PaddedPlaneConv.Applies(shape))
        {
            RunPaddedPlanes(x, w, bias, y, shape, activation);
            return;
        }

        if (Im2ColConv.Applies(shape))
        {
            RunIm2Col(x, w, bias, y, shape, activation);
            return;
        }

        // Vectors of output channels at a time where rows are too short or strided for the row-run path;
        // otherwise, and for leftover channels, one output plane at a time.
        ChannelBlocking blocking = ChannelBlockedConv.Choose(shape);
        Span<float> weightTile = blocking switch
        {
            ChannelBlocking.SharedInput => stackalloc float[SharedInputConv.WeightTileCapacity],
            ChannelBlocking.PerLaneInput => stackalloc float[ChannelBlockedConv.TileCapacity],
            _ => default,
        };
        Span<float> inputTile = blocking == ChannelBlocking.PerLaneInput ? stackalloc float[ChannelBlockedConv.TileCapacity] : default;
        int inBatch = shape.InChannels * shape.InHeight * shape.InWidth;
        int outBatch = shape.OutChannels * shape.OutHeight * shape.OutWidth;
        for (int b = 0; b < shape.Batch; b++)
        {
            ReadOnlySpan<float> xBatch = x.Slice(b * inBatch, inBatch);
            Span<float> yBatch = y.Slice(b * outBatch, outBatch);
            int oc = 0;
            while (oc < shape.OutChannels)
            {
                int blocks = ChannelBlockedConv.BlockCount(blocking, oc, shape);
                if (blocks > 0)
                {
                    if (blocking == ChannelBlocking.SharedInput)
                    {
                        SharedInputConv.Run(xBatch, w, bias, yBatch, oc, blocks, shape, weightTile);
                    }
                    else
                    {
                        ChannelBlockedConv.RunPerLaneBlock(xBatch, w, bias, yBatch, oc, shape, weightTile, inputTile);
                    }

                    oc += blocks * Vector<float>.Count;
                }
                else
                {
                    RunPlane(xBatch, w, bias, yBatch, oc, shape);
                    oc++;
                }
            }

            activation.ApplyInPlace(yBatch);
        }
    }

    /// <summary>Writes bias + sum (no activation) for one output channel of one batch item, accumulating row runs.</summary>
    private static void RunPlane(ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> yBatch,
                                 int oc, in Conv2DShape s)
    {
        int inPlane = s.InHeight * s.InWidth, outPlane = s.OutHeight * s.OutWidth;
        int channels = s.InChannels / s.Groups, taps = s.KernelHeight * s.KernelWidth;
        int firstIn = oc / (s.OutChannels / s.Groups) * channels;
        ReadOnlySpan<float> wChannel = w.Slice(oc * channels * taps, channels * taps);
        Span<float> yPlane = yBatch.Slice(oc * outPlane, outPlane);
        yPlane.Fill(bias.IsEmpty ? 0f : bias[oc]);
        for (int c = 0; c < channels; c++)
        {
            AccumulateChannel(xBatch.Slice((firstIn + c) * inPlane, inPlane), wChannel.Slice(c * taps, taps), yPlane, s);
        }
    }

    private static void RunPointwise(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
                                     in Conv2DShape s, Activation activation)
    {
        int pixels = s.InHeight * s.InWidth;
        int channelsPerGroup = s.InChannels / s.Groups;
        int outChannelsPerGroup = s.OutChannels / s.Groups;
        for (int b = 0; b < s.Batch; b++)
        {
            for (int g = 0; g < s.Groups; g++)
            {
                int firstOut = g * outChannelsPerGroup;
                Span<float> yGroup = y.Slice((b * s.OutChannels + firstOut) * pixels, outChannelsPerGroup * pixels);
                ChannelGemm.Run(x.Slice((b * s.InChannels + g * channelsPerGroup) * pixels, channelsPerGroup * pixels), pixels,
                                w.Slice(firstOut * channelsPerGroup, outChannelsPerGroup * channelsPerGroup), channelsPerGroup,
                                bias.IsEmpty ? bias : bias.Slice(firstOut, outChannelsPerGroup),
                                yGroup, pixels, outChannelsPerGroup, channelsPerGroup, pixels);
                activation.ApplyInPlace(yGroup);
            }
        }
    }

    private static void RunPaddedPlanes(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
                                        in Conv2DShape s, Activation activation)
    {
        Span<float> padded = stackalloc float[PaddedPlaneConv.PlaneCapacity];
        Span<float> sums = stackalloc float[PaddedPlaneConv.PlaneCapacity];
        int inBatch = s.InChannels * s.InHeight * s.InWidth, outBatch = s.OutChannels * s.OutHeight * s.OutWidth;
        for (int b = 0; b < s.Batch; b++)
        {
            Span<float> yBatch = y.Slice(b * outBatch, outBatch);
            PaddedPlaneConv.Run(x.Slice(b * inBatch, inBatch), w, bias, yBatch, s, padded, sums);
            activation.ApplyInPlace(yBatch);
        }
    }

    [SkipLocalsInit] // The im2col buffer is written before it is read.
    private static void RunIm2Col(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
                                  in Conv2DShape s, Activation activation)
    {
        Span<float> buffer = stackalloc float[Im2ColConv.BufferCapacity];
        int inBatch = s.InChannels * s.InHeight * s.InWidth, outBatch = s.OutChannels * s.OutHeight * s.OutWidth;
        for (int b = 0; b < s.Batch; b++)
        {
            Span<float> yBatch = y.Slice(b * outBatch, outBatch);
            Im2ColConv.Run(x.Slice(b * inBatch, inBatch), w, bias, yBatch, s, buffer);
            activation.ApplyInPlace(yBatch);
        }
    }

    private static bool IsPointwise(in Conv2DShape s) =>
        s.KernelHeight == 1 && s.KernelWidth == 1 && s.StrideHeight == 1 && s.StrideWidth == 1 &&
        s.PadTop == 0 && s.PadLeft == 0 && s.OutHeight == s.InHeight && s.OutWidth == s.InWidth;

    /// <summary>
    /// Adds one input channel's contribution to an output plane, tap by tap; each tap updates, per output row, the
    /// run of outputs whose input column is in range, so there is no per-element bounds test.
    /// </summary>
    private static void AccumulateChannel(ReadOnlySpan<float> xPlane, ReadOnlySpan<float> wTaps, Span<float> yPlane,
                                          in Conv2DShape s)
    {
        for (int kh = 0; kh < s.KernelHeight; kh++)
        {
            int rowOffset = kh * s.DilationHeight - s.PadTop;
            WindowMath.OutputRange(rowOffset, s.StrideHeight, s.InHeight, s.OutHeight, out int ohFirst, out int ohEnd);
            for (int kw = 0; kw < s.KernelWidth; kw++)
            {
                float weight = wTaps[kh * s.KernelWidth + kw];
                int columnOffset = kw * s.DilationWidth - s.PadLeft;
                WindowMath.OutputRange(columnOffset, s.StrideWidth, s.InWidth, s.OutWidth, out int owFirst, out int owEnd);
                int runLength = owEnd - owFirst;
                if (runLength == 0)
                {
                    continue;
                }

                int firstColumn = owFirst * s.StrideWidth + columnOffset;
                for (int oh = ohFirst; oh < ohEnd; oh++)
                {
                    ReadOnlySpan<float> xRow = xPlane.Slice((oh * s.StrideHeight + rowOffset) * s.InWidth + firstColumn);
                    Span<float> yRun = yPlane.Slice(oh * s.OutWidth + owFirst, runLength);
                    if (s.StrideWidth == 1)
                    {
                        VectorLoops.MultiplyAccumulate(xRow, weight, yRun);
                    }
                    else
                    {
                        AccumulateStrided(xRow, s.StrideWidth, weight, yRun);
                    }
                }
            }
        }
    }

    private static void AccumulateStrided(ReadOnlySpan<float> xRow, int stride, float weight, Span<float> yRun)
    {
        for (int j = 0; j < yRun.Length; j++)
        {
            yRun[j] += weight * xRow[j * stride];
        }
    }

    /// <summary>Scalar form, the specification the fast path is tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
                                   in Conv2DShape s, Activation activation)
    {
        int channelsPerGroup = s.InChannels / s.Groups;
        int outChannelsPerGroup = s.OutChannels / s.Groups;
        for (int b = 0; b < s.Batch; b++)
        for (int oc = 0; oc < s.OutChannels; oc++)
        for (int oh = 0; oh < s.OutHeight; oh++)
        for (int ow = 0; ow < s.OutWidth; ow++)
        {
            float sum = bias.IsEmpty ? 0f : bias[oc];
            for (int c = 0; c < channelsPerGroup; c++)
            for (int kh = 0; kh < s.KernelHeight; kh++)
            for (int kw = 0; kw < s.KernelWidth; kw++)
            {
                int ih = oh * s.StrideHeight - s.PadTop + kh * s.DilationHeight;
                int iw = ow * s.StrideWidth - s.PadLeft + kw * s.DilationWidth;
                if (ih < 0 || ih >= s.InHeight || iw < 0 || iw >= s.InWidth)
                {
                    continue;
                }

                int ic = oc / outChannelsPerGroup * channelsPerGroup + c;
                sum += x[((b * s.InChannels + ic) * s.InHeight + ih) * s.InWidth + iw] *
                       w[((oc * channelsPerGroup + c) * s.KernelHeight + kh) * s.KernelWidth + kw];
            }

            y[((b * s.OutChannels + oc) * s.OutHeight + oh) * s.OutWidth + ow] = activation.Apply(sum);
        }
    }
}
