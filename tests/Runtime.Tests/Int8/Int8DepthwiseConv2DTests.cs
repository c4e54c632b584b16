using System;
using System.Linq;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8DepthwiseConv2DTests
{
    [Fact]
    public void HandComputedDepthMultiplierMapsOutputChannelsToInputs()
    {
        // One pixel (5, -7), multiplier 2, 1x1 weights [1, 2, 3, -1]: outputs 0, 1 read channel 0 and 2, 3 channel 1.
        sbyte[] x = [5, -7], w = [1, 2, 3, -1];
        var shape = new Int8ConvShape(1, 1, 1, 2, 1, 1, 4, 1, 1, 1, 1, 0, 0, 1, 1);
        var requantization = new Requantization([1 << 30], [1], 0, -128, 127);
        sbyte[] expected = [5, 10, -21, 7], y = new sbyte[4];
        Int8DepthwiseConv2D.Reference(x, w, [], y, shape, 0, requantization);
        Assert.Equal(expected, y);
        Int8DepthwiseConv2D.Run(x, w, [], y, shape, 0, requantization);
        Assert.Equal(expected, y);
    }

    [Fact]
    public void RandomConvolutionsMatchTheReferenceBitForBit() => OnEveryPath(() =>
    {
        var data = new TestData(51);
        for (int trial = 0; trial < 400; trial++)
        {
            // Multiplier 1 (the vector path) most of the time, with channel counts around the 16-lane blocks.
            int inChannels = data.Next(1, 67), multiplier = data.Next(0, 3) == 0 ? data.Next(2, 3) : 1;
            int outChannels = inChannels * multiplier;
            Int8ConvShape shape = Int8ConvShapes.Random(data, inChannels, outChannels);
            sbyte[] x = Int8Samples.Tensor(data, shape.Batch * shape.InHeight * shape.InWidth * inChannels);
            sbyte[] w = Int8Samples.Tensor(data, shape.KernelHeight * shape.KernelWidth * outChannels);
            int[] bias = data.Coin() ? Int8Samples.Bias(data, outChannels) : [];
            var requantization = Int8Samples.Requantization(data, outChannels);
            int inputOffset = Int8Samples.InputOffset(data);

            int outputs = shape.Batch * shape.OutHeight * shape.OutWidth * outChannels;
            sbyte[] expected = Int8Samples.Poisoned(outputs), actual = Int8Samples.Poisoned(outputs);
            Int8DepthwiseConv2D.Reference(x, w, bias, expected, shape, inputOffset, requantization);
            Int8DepthwiseConv2D.Run(x, w, bias, actual, shape, inputOffset, requantization);
            Assert.Equal(expected, actual);
        }
    });

    [Theory]
    [InlineData(-128, -128, 128)]
    [InlineData(127, -128, -127)]
    [InlineData(-128, 127, 128)]
    [InlineData(-128, -128, 300)]
    [InlineData(127, 127, -1000)]
    public void ExtremeValuesAndOffsetsMatchTheReference(int input, int weight, int inputOffset) => OnEveryPath(() =>
    {
        // 32 channels over 5x5 (odd tap count: one tap pairs with zero weights) and 2x3 kernels, padded on every side;
        // offsets past int8 have no zero point to pad with and take the per-lane path.
        foreach (var shape in new[]
                 {
                     new Int8ConvShape(1, 6, 7, 32, 6, 7, 32, 5, 5, 1, 1, 2, 2, 1, 1),
                     new Int8ConvShape(2, 5, 4, 32, 3, 2, 32, 2, 3, 2, 2, 1, 1, 1, 1),
                 })
        {
            var x = new sbyte[shape.Batch * shape.InHeight * shape.InWidth * 32];
            var w = new sbyte[shape.KernelHeight * shape.KernelWidth * 32];
            x.AsSpan().Fill((sbyte)input);
            w.AsSpan().Fill((sbyte)weight);
            int[] bias = [.. Enumerable.Range(0, 32).Select(c => c % 2 == 0 ? int.MaxValue - c : int.MinValue + c)];
            var requantization = new Requantization([1 << 30], [-3], 0, -128, 127);
            int outputs = shape.Batch * shape.OutHeight * shape.OutWidth * 32;
            sbyte[] expected = Int8Samples.Poisoned(outputs), actual = Int8Samples.Poisoned(outputs);
            Int8DepthwiseConv2D.Reference(x, w, bias, expected, shape, inputOffset, requantization);
            Int8DepthwiseConv2D.Run(x, w, bias, actual, shape, inputOffset, requantization);
            Assert.Equal(expected, actual);
        }
    });

    /// <summary>Runs the test with <see cref="Int8DepthwiseConv2D.MaxPath"/> at each path in turn (tests of one class run sequentially).</summary>
    private static void OnEveryPath(Action test)
    {
        try
        {
            foreach (Int8GemmPath path in Enum.GetValues<Int8GemmPath>())
            {
                Int8DepthwiseConv2D.MaxPath = path;
                test();
            }
        }
        finally
        {
            Int8DepthwiseConv2D.MaxPath = Int8GemmPath.AvxVnni;
        }
    }
}
