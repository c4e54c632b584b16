using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8ActivationTests
{
    [Theory]
    [InlineData(0.10000000149011612, 1717986944, 24, 120)] // 0.1f * 2^27 = 0.8 * 2^24; radius 15 * 2^27 / 2^24
    [InlineData(0.0625, 1 << 30, 24, 120)]
    [InlineData(0.0078125, 1 << 30, 21, 960)]
    [InlineData(10.0, 1342177280, 31, 0)]        // radius 0: every input saturates
    public void ParametersMatchTFLitePrepare(double scale, int expectedMultiplier, int expectedShift, int expectedRadius)
    {
        Int8ActivationParameters.Compute(scale, out int multiplier, out int shift, out int radius);
        Assert.Equal((expectedMultiplier, expectedShift, expectedRadius), (multiplier, shift, radius));
    }

    [Fact]
    public void UnsupportedScalesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Int8ActivationParameters.Compute(1e-9, out _, out _, out _));
        // 2^-4 * (1 - 2^-40): frexp's mantissa rounds up to 2^31, which TFLite's int32 cast cannot hold.
        Assert.Throws<ArgumentOutOfRangeException>(() => Int8ActivationParameters.Compute(Math.ScaleB(1 - Math.ScaleB(1, -40), -4), out _, out _, out _));
    }

    /// <summary>Scale 0.1, zero point 0: logistic in 1/256 minus 128, tanh in 1/128, each rounded to nearest.</summary>
    [Theory]
    [InlineData(-128, -128, -128)]
    [InlineData(-11, -64, -102)]    // logistic(-1.1) = 0.2497 -> 64; tanh(-1.1) = -0.8005 -> -102.5 -> -102
    [InlineData(-1, -6, -13)]       // 0.4750 -> 122; -0.0997 -> -13
    [InlineData(0, 0, 0)]
    [InlineData(1, 6, 13)]
    [InlineData(10, 59, 97)]        // logistic(1) = 0.7311 -> 187; tanh(1) = 0.7616 -> 97
    [InlineData(127, 127, 127)]     // beyond the radius 120: saturated
    public void HandComputedValues(int x, int logistic, int tanh)
    {
        Int8ActivationParameters.Compute(0.1f, out int multiplier, out int shift, out int radius);
        var y = new sbyte[1];
        Int8Logistic.Reference([(sbyte)x], y, 0, radius, multiplier, shift);
        Assert.Equal(logistic, y[0]);
        Int8Tanh.Reference([(sbyte)x], y, 0, radius, multiplier, shift);
        Assert.Equal(tanh, y[0]);
    }

    [Fact]
    public void ZeroRadiusSendsTheZeroPointToTheMinimumLikeTFLite()
    {
        Int8ActivationParameters.Compute(10.0, out int multiplier, out int shift, out int radius);
        var y = new sbyte[3];
        Int8Logistic.Reference([4, 5, 6], y, 5, radius, multiplier, shift);
        Assert.Equal(new sbyte[] { -128, -128, 127 }, y);
        Int8Tanh.Reference([4, 5, 6], y, 5, radius, multiplier, shift);
        Assert.Equal(new sbyte[] { -128, -128, 127 }, y);
    }

    [Fact]
    public void RandomTensorsMatchTheReferenceBitForBit()
    {
        var data = new TestData(121);
        for (int trial = 0; trial < 300; trial++)
        {
            int length = trial < 40 ? trial : data.Next(200, 700);
            double scale = (float)(Math.Pow(2, data.Next(-10, 1)) * (1 + data.Next(0, 999) / 1000.0));
            Int8ActivationParameters.Compute(scale, out int multiplier, out int shift, out int radius);
            int zeroPoint = -Int8Samples.InputOffset(data);
            sbyte[] x = Int8Samples.Tensor(data, length);
            sbyte[] expected = Int8Samples.Poisoned(length), actual = Int8Samples.Poisoned(length);
            Int8Logistic.Reference(x, expected, zeroPoint, radius, multiplier, shift);
            Int8Logistic.Run(x, actual, zeroPoint, radius, multiplier, shift);
            Assert.Equal(expected, actual);
            Int8Tanh.Reference(x, expected, zeroPoint, radius, multiplier, shift);
            Int8Tanh.Run(x, actual, zeroPoint, radius, multiplier, shift);
            Assert.Equal(expected, actual);
        }
    }
}
