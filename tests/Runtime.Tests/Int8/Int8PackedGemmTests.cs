using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

/// <summary>
/// Packed GEMM and packed conv against the unpacked references, on every instruction-set path this machine has:
/// each test lowers <see cref="Int8PackedGemm.MaxPath"/> in turn (tests of one class run sequentially).
/// </summary>
public class Int8PackedGemmTests
{
    [Fact]
    public void PackingBlocksSixteenChannelsByFourDepths()
    {
        // 17 channels x 5 depths, w[n, k] = n * 5 + k: channel 16 starts a second zero-padded block, k 4 a second group.
        var weights = new sbyte[17 * 5];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (sbyte)i;
        }

        sbyte[] packed = Int8GemmPacking.PackWeights(weights, 17, 5);
        Assert.Equal(32 * 8, packed.Length);
        Assert.Equal(new sbyte[] { 0, 1, 2, 3, 5, 6, 7, 8 }, packed[..8]);
        Assert.Equal(new sbyte[] { 4, 0, 0, 0, 9, 0, 0, 0 }, packed[64..72]);
        Assert.Equal(new sbyte[] { 80, 81, 82, 83, 0, 0, 0, 0 }, packed[128..136]);
        Assert.Equal(new sbyte[] { 84, 0, 0, 0 }, packed[192..196]);

        // Bias 10 and offset 3 with channel 0's weights summing to 10: 10 + 3 * 10, and 40 - 128 * 10 for VPDPBUSD.
        var unpackedBias = new int[17];
        unpackedBias[0] = 10;
        int[] bias = Int8GemmPacking.PackBias(weights, unpackedBias, 17, 5, 3);
        Assert.Equal(64, bias.Length);
        Assert.Equal(40, bias[0]);
        Assert.Equal(40 - 1280, bias[32]);
        Assert.Equal(0, bias[17]);
    }

    [Fact]
    public void RandomGemmsMatchTheFullyConnectedReferenceOnEveryPath()
    {
        ForEachPath(path =>
        {
            var data = new TestData(61 + (int)path);
            for (int trial = 0; trial < 300; trial++)
            {
                int m = data.Next(1, 9), n = data.Next(1, 40), k = data.Next(0, 4) == 0 ? data.Next(1, 5) : data.Next(1, 150);
                sbyte[] x = Int8Samples.Tensor(data, m * k), w = Int8Samples.Tensor(data, n * k);
                int[] bias = data.Coin() ? Int8Samples.Bias(data, n) : [];
                var requantization = Int8Samples.Requantization(data, n);
                // The offset is folded into the bias, so even offsets no zero point gives are exact.
                int inputOffset = trial % 50 == 0 ? data.Next(-100_000, 100_000) : Int8Samples.InputOffset(data);

                sbyte[] expected = Int8Samples.Poisoned(m * n), actual = Int8Samples.Poisoned(m * n);
                Int8FullyConnected.Reference(x, w, bias, expected, m, k, n, inputOffset, requantization);
                Int8PackedGemm.Run(x, Int8GemmPacking.PackWeights(w, n, k), Int8GemmPacking.PackBias(w, bias, n, k, inputOffset), actual,
                                   m, n, k, requantization);
                Assert.Equal(expected, actual);
            }
        });
    }

    [Fact]
    public void Int32OverflowWrapsLikeTheReference()
    {
        // (-128 - 127) * -128 = 32640 per element: 70,000 of them exceed int.MaxValue before requantization.
        const int k = 70_000;
        var x = new sbyte[2 * k];
        var w = new sbyte[3 * k];
        Array.Fill(x, sbyte.MinValue);
        Array.Fill(w, sbyte.MinValue);
        ForEachPath(_ =>
        {
            var requantization = new Requantization([1 << 30], [-20], 0, -128, 127);
            sbyte[] expected = new sbyte[6], actual = new sbyte[6];
            Int8FullyConnected.Reference(x, w, [], expected, 2, k, 3, -127, requantization);
            Int8PackedGemm.Run(x, Int8GemmPacking.PackWeights(w, 3, k), Int8GemmPacking.PackBias(w, [], 3, k, -127), actual, 2, 3, k, requantization);
            Assert.Equal(expected, actual);
        });
    }

    [Fact]
    public void RandomConvolutionsMatchTheReferenceOnEveryPath()
    {
        ForEachPath(path =>
        {
            var data = new TestData(71 + (int)path);
            for (int trial = 0; trial < 200; trial++)
            {
                int inChannels = data.Next(1, 37), outChannels = data.Next(1, 35);
                AssertConvolutionMatchesReference(data, trial % 4 == 0 ? Pointwise(data, inChannels, outChannels) : Int8ConvShapes.Random(data, inChannels, outChannels));
            }
        });
    }

    [Fact]
    public void WideKernelsOnNarrowInputsMatchTheReference()
    {
        // im2col kernel rows of up to 30 bytes, clipped at either edge or both, dilated, over batches and chunks;
        // the first is the DS-CNN's first layer (10x4 window, one channel, stride 2, SAME).
        var data = new TestData(91);
        AssertConvolutionMatchesReference(data, new Int8ConvShape(1, 49, 10, 1, 25, 5, 64, 10, 4, 2, 2, 4, 1, 1, 1));
        for (int trial = 0; trial < 300; trial++)
        {
            int inChannels = data.Next(1, 3), inH = data.Next(1, 12), inW = data.Next(1, 12), kh = data.Next(1, 5), kw = data.Next(1, 10);
            int sh = data.Next(1, 3), sw = data.Next(1, 3), dh = data.Next(1, 2), dw = data.Next(1, 3);
            int pt = data.Next(0, kh), pl = data.Next(0, kw), pb = data.Next(0, kh), pr = data.Next(0, kw);
            int outH = (inH + pt + pb - dh * (kh - 1) - 1) / sh + 1, outW = (inW + pl + pr - dw * (kw - 1) - 1) / sw + 1;
            if (outH > 0 && outW > 0)
            {
                AssertConvolutionMatchesReference(data, new Int8ConvShape(data.Next(1, 3), inH, inW, inChannels, outH, outW, data.Next(1, 20),
                                                                          kh, kw, sh, sw, pt, pl, dh, dw));
            }
        }
    }

    private static void AssertConvolutionMatchesReference(TestData data, Int8ConvShape shape)
    {
        int inChannels = shape.InChannels, outChannels = shape.OutChannels;
        int depth = shape.KernelHeight * shape.KernelWidth * inChannels;
        sbyte[] x = Int8Samples.Tensor(data, shape.Batch * shape.InHeight * shape.InWidth * inChannels);
        sbyte[] w = Int8Samples.Tensor(data, outChannels * depth);
        int[] bias = data.Coin() ? Int8Samples.Bias(data, outChannels) : [];
        var requantization = Int8Samples.Requantization(data, outChannels);
        int inputOffset = Int8Samples.InputOffset(data);
        var scratch = new sbyte[Int8GemmPacking.Conv2DScratchLength(shape.Batch, shape.InHeight, shape.InWidth, inChannels,
            shape.OutHeight, shape.OutWidth, shape.KernelHeight, shape.KernelWidth, shape.StrideHeight, shape.StrideWidth,
            shape.PadTop, shape.PadLeft)];

        int outputs = shape.Batch * shape.OutHeight * shape.OutWidth * outChannels;
        sbyte[] expected = Int8Samples.Poisoned(outputs), actual = Int8Samples.Poisoned(outputs);
        Int8Conv2D.Reference(x, w, bias, expected, shape, inputOffset, requantization);
        Int8PackedConv2D.Run(x, Int8GemmPacking.PackWeights(w, outChannels, depth),
                             Int8GemmPacking.PackBias(w, bias, outChannels, depth, inputOffset), scratch, actual, shape, inputOffset,
                             requantization);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void LargeConvolutionsRunInIm2ColChunks()
    {
        // 20x20 outputs = 400 pixels, over three 128-pixel chunks plus a tail of 16.
        var data = new TestData(81);
        var shape = new Int8ConvShape(1, 20, 20, 3, 20, 20, 18, 3, 3, 1, 1, 1, 1, 1, 1);
        sbyte[] x = Int8Samples.Tensor(data, 20 * 20 * 3), w = Int8Samples.Tensor(data, 18 * 27);
        int[] bias = Int8Samples.Bias(data, 18);
        (int[] multipliers, int[] shifts) = Int8Samples.Scales(data, 18);
        var requantization = new Requantization(multipliers, shifts, 5, -128, 127);
        int scratchLength = Int8GemmPacking.Conv2DScratchLength(1, 20, 20, 3, 20, 20, 3, 3, 1, 1, 1, 1);
        Assert.Equal(128 * 27, scratchLength);
        sbyte[] expected = new sbyte[400 * 18], actual = new sbyte[400 * 18];
        Int8Conv2D.Reference(x, w, bias, expected, shape, 128, requantization);
        Int8PackedConv2D.Run(x, Int8GemmPacking.PackWeights(w, 18, 27), Int8GemmPacking.PackBias(w, bias, 18, 27, 128),
                             new sbyte[scratchLength], actual, shape, 128, requantization);
        Assert.Equal(expected, actual);
    }

    private static Int8ConvShape Pointwise(TestData data, int inChannels, int outChannels)
    {
        int height = data.Next(1, 9), width = data.Next(1, 9);
        return new Int8ConvShape(data.Next(1, 2), height, width, inChannels, height, width, outChannels, 1, 1, 1, 1, 0, 0, 1, 1);
    }

    private static void ForEachPath(Action<Int8GemmPath> test)
    {
        try
        {
            foreach (Int8GemmPath path in Enum.GetValues<Int8GemmPath>())
            {
                Int8PackedGemm.MaxPath = path;
                test(path);
            }
        }
        finally
        {
            Int8PackedGemm.MaxPath = Int8GemmPath.AvxVnni;
        }
    }
}
