using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class Conv2DTests
{
    [Fact]
    public void RandomGeometriesMatchOracle()
    {
        var data = new TestData(31);
        for (int trial = 0; trial < 300; trial++)
        {
            int groups = data.Next(1, 3);
            int kh = data.Next(1, 4), kw = data.Next(1, 4);
            Check(data, data.Next(1, 2), groups * data.Next(1, 3), groups * data.Next(1, 3), data.Next(1, 12), data.Next(1, 19),
                  kh, kw, data.Next(1, 4), data.Next(1, 4), data.Next(0, 5), data.Next(0, 5), data.Next(0, 5), data.Next(0, 5),
                  data.Next(1, 3), data.Next(1, 3), groups);
        }
    }

    [Fact]
    public void DepthwiseWithMultiplierMatchesOracle()
    {
        var data = new TestData(32);
        for (int trial = 0; trial < 60; trial++)
        {
            int channels = data.Next(1, 8), multiplier = data.Next(1, 3);
            int stride = data.Next(1, 2), pad = data.Next(0, 2);
            Check(data, 1, channels, channels * multiplier, data.Next(3, 25), data.Next(3, 21), 3, 3, stride, stride,
                  pad, pad, pad, pad, 1, 1, channels);
        }
    }

    [Fact]
    public void PointwiseMatchesOracle()
    {
        var data = new TestData(33);
        for (int trial = 0; trial < 60; trial++)
        {
            int groups = data.Next(1, 2);
            Check(data, data.Next(1, 2), groups * data.Next(1, 9), groups * data.Next(1, 9), data.Next(1, 25), data.Next(1, 21),
                  1, 1, 1, 1, 0, 0, 0, 0, 1, 1, groups);
        }
    }

    [Fact]
    public void ManyOutputChannelsOverNarrowOrStridedRowsMatchOracle()
    {
        // Enough output channels per group for the channel-vectorised path, with channel tails left over.
        var data = new TestData(35);
        for (int trial = 0; trial < 60; trial++)
        {
            int groups = data.Next(1, 2);
            int stride = data.Next(1, 3), pad = data.Next(0, 3), dilation = data.Next(1, 2);
            Check(data, data.Next(1, 2), groups * data.Next(1, 3), groups * data.Next(8, 21), data.Next(3, 15), data.Next(1, 9),
                  data.Next(1, 4), data.Next(1, 4), stride, stride, pad, pad, pad, pad, dilation, dilation, groups);
        }
    }

    [Fact]
    public void DsCnnLayersMatchOracle()
    {
        var data = new TestData(34);
        Check(data, 1, 64, 64, 25, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 64);
        Check(data, 1, 64, 64, 25, 5, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1);
        Check(data, 1, 1, 64, 49, 10, 10, 4, 2, 2, 5, 1, 4, 2, 1, 1, 1);
    }

    [Fact]
    public void ChannelBlockedAndPaddedPlanePathsEqualReferenceBitForBit()
    {
        // Benchmark CNN and DS-CNN layers, a pass of 4 blocks plus a pass of 1, two groups, and input channels split
        // into several weight-tile chunks (32 x 3x3 x 32 lanes exceeds the tile), all summed in the reference's order.
        var data = new TestData(36);
        ExpectExact(data, new Conv2DShape(1, 8, 14, 14, 32, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(1, 32, 7, 7, 32, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(1, 1, 49, 10, 64, 25, 5, 10, 4, 2, 2, 5, 1, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(2, 12, 9, 6, 40, 5, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(1, 24, 6, 5, 48, 6, 5, 3, 3, 1, 1, 1, 1, 1, 1, 2));
        ExpectExact(data, new Conv2DShape(1, 64, 5, 5, 24, 3, 3, 3, 3, 1, 1, 0, 0, 1, 1, 1));
        // ChannelGemm: DS-CNN's pointwise layer, a column count below two vectors, rows past the blocks of four; im2col
        // in one chunk (576-deep windows over 196 pixels), in blocks of the window continuing the sums (1,152 deep), in
        // several overlapping chunks of two groups, and with a dilated, strided window.
        ExpectExact(data, new Conv2DShape(1, 64, 25, 5, 64, 25, 5, 1, 1, 1, 1, 0, 0, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(1, 7, 3, 4, 6, 3, 4, 1, 1, 1, 1, 0, 0, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(2, 5, 9, 9, 13, 9, 9, 1, 1, 1, 1, 0, 0, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(1, 64, 14, 14, 8, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(1, 128, 8, 8, 12, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        ExpectExact(data, new Conv2DShape(1, 16, 33, 17, 8, 33, 17, 3, 3, 1, 1, 1, 1, 1, 1, 2));
        ExpectExact(data, new Conv2DShape(1, 6, 17, 15, 8, 6, 5, 3, 3, 3, 3, 2, 1, 2, 2, 1));
        // Padded-plane depthwise: DS-CNN's layer, then dilation, asymmetric pads, and a window that never reaches the
        // last row and column.
        ExpectExact(data, new Conv2DShape(1, 64, 25, 5, 64, 25, 5, 3, 3, 1, 1, 1, 1, 1, 1, 64));
        ExpectExact(data, new Conv2DShape(2, 3, 9, 7, 3, 7, 5, 3, 2, 1, 1, 1, 0, 2, 3, 3));
        ExpectExact(data, new Conv2DShape(1, 5, 8, 8, 5, 6, 5, 3, 3, 1, 1, 0, 2, 1, 1, 5));
    }

    private static void ExpectExact(TestData data, in Conv2DShape s)
    {
        float[] x = data.Floats(s.Batch * s.InChannels * s.InHeight * s.InWidth);
        float[] w = data.Floats(s.OutChannels * s.InChannels / s.Groups * s.KernelHeight * s.KernelWidth);
        float[] bias = data.Floats(s.OutChannels);
        float[] expected = new float[s.Batch * s.OutChannels * s.OutHeight * s.OutWidth];
        Conv2D.Reference(x, w, bias, expected, s, Activation.None);
        float[] y = TestData.Poisoned(expected.Length);
        Conv2D.Run(x, w, bias, y, s, Activation.None);
        Assert.Equal(expected, y);
    }

    /// <summary>Output size from ONNX's explicit-pads formula; the stride may exceed the kernel and pads the window.</summary>
    private static void Check(TestData data, int batch, int inChannels, int outChannels, int inH, int inW, int kh, int kw,
                              int sh, int sw, int padTop, int padLeft, int padBottom, int padRight, int dh, int dw, int groups)
    {
        int outH = (inH + padTop + padBottom - ((kh - 1) * dh + 1)) / sh + 1;
        int outW = (inW + padLeft + padRight - ((kw - 1) * dw + 1)) / sw + 1;
        if (outH <= 0 || outW <= 0)
        {
            return;
        }

        var shape = new Conv2DShape(batch, inChannels, inH, inW, outChannels, outH, outW, kh, kw, sh, sw, padTop, padLeft, dh, dw, groups);
        float[] x = data.Floats(batch * inChannels * inH * inW);
        float[] w = data.Floats(outChannels * inChannels / groups * kh * kw);
        float[] bias = data.Coin() ? data.Floats(outChannels) : [];
        Activation act = data.AnyActivation();
        double[] expected = Oracle.Conv2D(x, w, bias, shape, act);
        string what = $"N{batch} C{inChannels} M{outChannels} {inH}x{inW} k{kh}x{kw} s{sh}x{sw} p{padTop},{padLeft},{padBottom},{padRight} d{dh}x{dw} g{groups} {act.Kind}";

        float[] y = TestData.Poisoned(expected.Length);
        Conv2D.Run(x, w, bias, y, shape, act);
        Accuracy.AssertClose(expected, y, "Run " + what);

        y = TestData.Poisoned(expected.Length);
        Conv2D.Reference(x, w, bias, y, shape, act);
        Accuracy.AssertClose(expected, y, "Reference " + what);
    }
}
