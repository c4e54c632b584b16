using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

/// <summary>Raw outputs of gemmlowp's fixedpoint.h (compiled from its source) for the same raw inputs.</summary>
public class FixedPointMathTests
{
    [Theory]
    [InlineData(0, 5, int.MaxValue)]            // exp(0) is gemmlowp's One
    [InlineData(-1, 5, 2147483124)]             // -2^-26
    [InlineData(-(1 << 24), 5, 1672462419)]     // exp(-1/4): the polynomial alone
    [InlineData(-(1 << 26), 5, 790015308)]      // exp(-1): polynomial at -1/4 times three barrel constants
    [InlineData(-2080374784, 5, 0)]             // -31
    [InlineData(int.MinValue, 5, 0)]            // -32
    [InlineData(-1, 4, 2147483140)]
    [InlineData(-(1 << 27), 4, 790015308)]
    public void ExpOnNegativeValues(int a, int integerBits, int expected) =>
        Assert.Equal(expected, FixedPointMath.ExpOnNegativeValues(a, integerBits));

    [Theory]
    [InlineData(0, 1 << 30, 0)]
    [InlineData(1, 1073741948, 260)]
    [InlineData(1 << 27, 1569936226, 1635510876)]     // x = 1
    [InlineData(-(1 << 27), 577547421, -1635510876)]
    [InlineData(int.MaxValue, 2147483406, int.MaxValue)]
    [InlineData(-int.MaxValue, 241, -int.MaxValue)]
    public void LogisticAndTanhInQ4(int a, int logistic, int tanh)
    {
        Assert.Equal(logistic, FixedPointMath.Logistic(a, 4));
        Assert.Equal(tanh, FixedPointMath.Tanh(a, 4));
    }

    [Theory]
    [InlineData(1 << 19, int.MaxValue, 0)]      // 1.0 in Q12
    [InlineData(1 << 20, int.MaxValue, 1)]      // 2.0 = 1.0 * 2^1
    [InlineData(3 << 19, 1431655762, 1)]        // 3.0 = 1.5 * 2^1, 1/1.5 = 0.6667
    [InlineData(int.MaxValue, 1073741820, 11)]
    [InlineData(1, int.MaxValue, -19)]
    public void Reciprocal(int x, int expected, int expectedBitsOverUnit)
    {
        Assert.Equal(expected, FixedPointMath.Reciprocal(x, 12, out int bitsOverUnit));
        Assert.Equal(expectedBitsOverUnit, bitsOverUnit);
    }
}
