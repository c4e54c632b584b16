using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8Conv2DTests
{
    [Fact]
    public void HandComputedPaddedExampleSkipsPaddedTaps()
    {
        // 3x3 input 1..9, 2x2 kernel [[1, 0], [0, 1]], stride 2, pad 1: each output adds its in-range diagonal taps + 1.
        sbyte[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9], w = [1, 0, 0, 1];
        var shape = new Int8ConvShape(1, 3, 3, 1, 2, 2, 1, 2, 2, 2, 2, 1, 1, 1, 1);
        var requantization = new Requantization([1 << 30], [1], 0, -128, 127);
        sbyte[] expected = [2, 4, 8, 16], y = new sbyte[4];
        Int8Conv2D.Reference(x, w, [], y, shape, 1, requantization);
        Assert.Equal(expected, y);
        Int8Conv2D.Run(x, w, [], y, shape, 1, requantization);
        Assert.Equal(expected, y);
    }

    [Fact]
    public void RandomConvolutionsMatchTheReferenceBitForBit()
    {
        var data = new TestData(41);
        for (int trial = 0; trial < 300; trial++)
        {
            int inChannels = data.Next(1, 37), outChannels = data.Next(1, 11);
            Int8ConvShape shape = Int8ConvShapes.Random(data, inChannels, outChannels);
            sbyte[] x = Int8Samples.Tensor(data, shape.Batch * shape.InHeight * shape.InWidth * inChannels);
            sbyte[] w = Int8Samples.Tensor(data, outChannels * shape.KernelHeight * shape.KernelWidth * inChannels);
            int[] bias = data.Coin() ? Int8Samples.Bias(data, outChannels) : [];
            var requantization = Int8Samples.Requantization(data, outChannels);
            int inputOffset = Int8Samples.InputOffset(data);

            int outputs = shape.Batch * shape.OutHeight * shape.OutWidth * outChannels;
            sbyte[] expected = Int8Samples.Poisoned(outputs), actual = Int8Samples.Poisoned(outputs);
            Int8Conv2D.Reference(x, w, bias, expected, shape, inputOffset, requantization);
            Int8Conv2D.Run(x, w, bias, actual, shape, inputOffset, requantization);
            Assert.Equal(expected, actual);
        }
    }
}
