using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class MultiplierQuantizationTests
{
    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(0.5, 1 << 30, 0)]
    [InlineData(1.0, 1 << 30, 1)]
    [InlineData(0.75, 1610612736, 0)]
    [InlineData(-0.75, -1610612736, 0)]
    [InlineData(1099511627776.0, 1 << 30, 41)]   // 2^40
    [InlineData(4.656612873077393e-10, 1 << 30, -30)]  // 2^-31
    [InlineData(2.3283064365386963e-10, 1 << 30, -31)] // 2^-32, the smallest kept
    [InlineData(1.1641532182693481e-10, 0, 0)]         // 2^-33 flushes to zero
    [InlineData(4.9406564584124654e-324, 0, 0)]        // subnormal
    [InlineData(0.50000000023283064, 1073741825, 0)]   // 0.5 + 2^-32: mantissa 2^30 + 0.5 rounds away from zero
    [InlineData(-0.50000000023283064, -1073741825, 0)]
    [InlineData(0.99999999999909051, 1 << 30, 1)]      // 1 - 2^-40 rounds up to 2^31, renormalised
    [InlineData(-0.99999999999909051, int.MinValue, 0)] // TFLite leaves -2^31 as is
    public void HandValues(double real, int expectedMultiplier, int expectedShift)
    {
        MultiplierQuantization.QuantizeMultiplier(real, out int multiplier, out int shift);
        Assert.Equal((expectedMultiplier, expectedShift), (multiplier, shift));
    }

    [Fact]
    public void RandomScalesRoundTripWithinHalfAnUnit()
    {
        var data = new TestData(10);
        for (int i = 0; i < 10_000; i++)
        {
            double real = Math.Pow(2, data.Next(-30, 10)) * (1 + data.Next(0, 1_000_000) / 1_000_000.0);
            MultiplierQuantization.QuantizeMultiplier(real, out int multiplier, out int shift);
            Assert.InRange(multiplier, 1 << 30, int.MaxValue);
            double unit = Math.Pow(2, shift - 31);
            Assert.True(Math.Abs(multiplier * unit - real) <= unit / 2, $"{real}: {multiplier} * 2^({shift} - 31)");
        }
    }

    [Fact]
    public void NonFiniteScalesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiplierQuantization.QuantizeMultiplier(double.NaN, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiplierQuantization.QuantizeMultiplier(double.PositiveInfinity, out _, out _));
    }
}
