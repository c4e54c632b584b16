using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8MeanTests
{
    /// <summary>One 2x2 channel.</summary>
    [Theory]
    [InlineData(new sbyte[] { 1, 2, 3, 4 }, 0, 0, 1.0, 3)]          // 2.5 rounds away from zero
    [InlineData(new sbyte[] { -1, -2, -3, -4 }, 0, 0, 1.0, -3)]
    [InlineData(new sbyte[] { 1, 2, 3, 4 }, 1, -5, 1.0, -3)]        // (0 + 1 + 2 + 3) / 4 = 1.5 -> 2, then -5
    [InlineData(new sbyte[] { 1, 2, 3, 4 }, 0, 0, 0.5, 1)]          // 1.25
    [InlineData(new sbyte[] { 127, 127, 127, 127 }, 0, 0, 2.0, 127)]
    public void HandComputedValues(sbyte[] x, int inputZeroPoint, int outputZeroPoint, double ratio, int expected)
    {
        Int8ScaleParameters.Ratio(ratio, 1.0, out int multiplier, out int shift);
        var y = new sbyte[1];
        Int8Mean.Reference(x, y, 1, 2, 2, 1, inputZeroPoint, outputZeroPoint, multiplier, shift);
        Assert.Equal(expected, y[0]);
        Int8Mean.Run(x, y, 1, 2, 2, 1, inputZeroPoint, outputZeroPoint, multiplier, shift);
        Assert.Equal(expected, y[0]);
    }

    [Fact]
    public void RandomTensorsMatchTheReferenceBitForBit()
    {
        var data = new TestData(141);
        for (int trial = 0; trial < 300; trial++)
        {
            int batch = data.Next(1, 3), height = data.Next(1, 9), width = data.Next(1, 9), channels = trial < 40 ? trial + 1 : data.Next(1, 70);
            Int8ScaleParameters.Ratio(Scale(data), Scale(data), out int multiplier, out int shift);
            int inputZeroPoint = -Int8Samples.InputOffset(data), outputZeroPoint = data.Next(-128, 127);
            sbyte[] x = Int8Samples.Tensor(data, batch * height * width * channels);
            sbyte[] expected = Int8Samples.Poisoned(batch * channels), actual = Int8Samples.Poisoned(batch * channels);
            Int8Mean.Reference(x, expected, batch, height, width, channels, inputZeroPoint, outputZeroPoint, multiplier, shift);
            Int8Mean.Run(x, actual, batch, height, width, channels, inputZeroPoint, outputZeroPoint, multiplier, shift);
            Assert.Equal(expected, actual);
        }
    }

    private static double Scale(TestData data) => System.Math.Pow(2, data.Next(-6, 2)) * (1 + data.Next(0, 999) / 1000.0);
}
