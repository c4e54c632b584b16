using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class FixedPointTests
{
    [Theory]
    [InlineData(int.MinValue, int.MinValue, int.MaxValue)] // the one saturating case
    [InlineData(int.MinValue, int.MaxValue, -2147483647)]
    [InlineData(int.MaxValue, int.MaxValue, 2147483646)]
    [InlineData(1 << 30, 1 << 30, 1 << 29)]
    [InlineData(1, 1 << 30, 1)]     // +0.5 rounds up
    [InlineData(-1, 1 << 30, 0)]    // -0.5 rounds up too: gemmlowp ties go towards +infinity, like SQRDMULH
    [InlineData(3, 1 << 30, 2)]     // +1.5
    [InlineData(-3, 1 << 30, -1)]   // -1.5
    [InlineData(5, 1 << 30, 3)]     // +2.5
    [InlineData(-5, 1 << 30, -2)]   // -2.5
    [InlineData(7, 1 << 29, 2)]     // +1.75
    [InlineData(-7, 1 << 29, -2)]   // -1.75
    [InlineData(0, int.MinValue, 0)]
    public void SaturatingRoundingDoublingHighMulHandValues(int a, int b, int expected) =>
        Assert.Equal(expected, FixedPoint.SaturatingRoundingDoublingHighMul(a, b));

    [Fact]
    public void SaturatingRoundingDoublingHighMulMatchesFloorOfHalfUp()
    {
        var data = new TestData(7);
        int[] edges = [int.MinValue, int.MinValue + 1, -(1 << 30), -1, 0, 1, 1 << 30, int.MaxValue - 1, int.MaxValue];
        foreach (int a in edges)
        foreach (int b in edges)
        {
            Assert.Equal(HighMulOracle(a, b), FixedPoint.SaturatingRoundingDoublingHighMul(a, b));
        }

        for (int i = 0; i < 100_000; i++)
        {
            int a = RandomInt(data), b = RandomInt(data);
            Assert.Equal(HighMulOracle(a, b), FixedPoint.SaturatingRoundingDoublingHighMul(a, b));
        }
    }

    [Theory]
    [InlineData(5, 1, 3)]      // +2.5 away from zero
    [InlineData(-5, 1, -3)]    // -2.5 away from zero
    [InlineData(3, 1, 2)]
    [InlineData(-3, 1, -2)]
    [InlineData(1, 1, 1)]
    [InlineData(-1, 1, -1)]
    [InlineData(6, 2, 2)]      // 1.5
    [InlineData(-6, 2, -2)]
    [InlineData(5, 2, 1)]      // 1.25
    [InlineData(-5, 2, -1)]
    [InlineData(7, 2, 2)]      // 1.75
    [InlineData(-7, 2, -2)]
    [InlineData(-123, 0, -123)]
    [InlineData(int.MinValue, 0, int.MinValue)]
    [InlineData(int.MinValue, 1, -(1 << 30))]
    [InlineData(int.MinValue, 31, -1)]
    [InlineData(int.MaxValue, 31, 1)]
    [InlineData(1 << 30, 31, 1)]        // +0.5
    [InlineData(-(1 << 30), 31, -1)]    // -0.5
    [InlineData((1 << 30) - 1, 31, 0)]
    [InlineData(-(1 << 30) + 1, 31, 0)]
    public void RoundingDivideByPOTHandValues(int x, int exponent, int expected) =>
        Assert.Equal(expected, FixedPoint.RoundingDivideByPOT(x, exponent));

    [Fact]
    public void RoundingDivideByPOTMatchesExactRoundingForEveryShift()
    {
        var data = new TestData(8);
        for (int exponent = 0; exponent <= 31; exponent++)
        {
            int[] edges = [int.MinValue, int.MinValue + 1, -1, 0, 1, int.MaxValue, 1 << Math.Min(exponent, 30), -(1 << Math.Max(exponent - 1, 0))];
            foreach (int x in edges)
            {
                Assert.Equal(DivideOracle(x, exponent), FixedPoint.RoundingDivideByPOT(x, exponent));
            }

            for (int i = 0; i < 5_000; i++)
            {
                int x = RandomInt(data);
                Assert.Equal(DivideOracle(x, exponent), FixedPoint.RoundingDivideByPOT(x, exponent));
            }
        }
    }

    [Theory]
    [InlineData(100, 1 << 30, 0, 50)]
    [InlineData(100, 1 << 30, 1, 100)]
    [InlineData(100, 1 << 30, -1, 25)]
    [InlineData(-3, 1 << 30, 0, -1)]    // -1.5: the high multiply's tie goes up
    [InlineData(-3, 1 << 30, -1, -1)]   // -0.75: -1.5 -> -1, then -0.5 -> -1 away from zero
    [InlineData(5, 1 << 30, -1, 2)]     // 1.25 becomes 2: TFLite's double rounding (2.5 -> 3, 1.5 -> 2)
    [InlineData(1 << 20, 1 << 30, 11, -(1 << 30))] // x * 2^11 wraps to int.MinValue before the multiply, as in C
    [InlineData(int.MaxValue, int.MaxValue, -31, 1)]
    [InlineData(12345, 0, 5, 0)]
    public void MultiplyByQuantizedMultiplierHandValues(int x, int multiplier, int shift, int expected) =>
        Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift));

    [Fact]
    public void MultiplyByQuantizedMultiplierComposesTheOracles()
    {
        var data = new TestData(9);
        for (int i = 0; i < 100_000; i++)
        {
            int x = data.Coin() ? data.Next(-1 << 20, 1 << 20) : RandomInt(data);
            int multiplier = data.Next(1 << 30, int.MaxValue - 1), shift = data.Next(-31, 30);
            int left = Math.Max(shift, 0), right = Math.Max(-shift, 0);
            int shifted = unchecked((int)((long)x << left));
            Assert.Equal(DivideOracle(HighMulOracle(shifted, multiplier), right), FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift));
        }
    }

    [Theory]
    [InlineData(5, 0, 3)]              // 2.5 -> 3: the halving rounds up
    [InlineData(-5, 0, -2)]            // -2.5 -> -2
    [InlineData(5, -1, 2)]             // 1.25 -> 2: halving to 3, then 1.5 -> 2 away from zero, as the multiplier form
    [InlineData(-3, -1, -1)]
    [InlineData(int.MaxValue, 0, 1 << 30)]
    [InlineData(int.MinValue, -30, -1)]
    [InlineData(1 << 20, 11, -(1 << 30))] // the left shift wraps as the multiplier form's does
    public void MultiplyByPowerOfTwoHandValues(int x, int shift, int expected) =>
        Assert.Equal(expected, FixedPoint.MultiplyByPowerOfTwo(x, shift));

    [Fact]
    public void MultiplyByPowerOfTwoEqualsTheMultiplierFormForEveryShift()
    {
        var data = new TestData(10);
        int[] edges = [int.MinValue, int.MinValue + 1, -(1 << 30), -3, -2, -1, 0, 1, 2, 3, 1 << 30, int.MaxValue - 1, int.MaxValue];
        for (int shift = -31; shift <= 30; shift++)
        {
            foreach (int x in edges)
            {
                Assert.Equal(FixedPoint.MultiplyByQuantizedMultiplier(x, 1 << 30, shift), FixedPoint.MultiplyByPowerOfTwo(x, shift));
            }

            for (int i = 0; i < 5_000; i++)
            {
                int x = RandomInt(data);
                Assert.Equal(FixedPoint.MultiplyByQuantizedMultiplier(x, 1 << 30, shift), FixedPoint.MultiplyByPowerOfTwo(x, shift));
            }
        }
    }

    private static int RandomInt(TestData data) => data.Next(0, 3) switch
    {
        0 => data.Next(-1000, 1000),
        _ => unchecked(data.Next(short.MinValue, short.MaxValue) << 16 | data.Next(0, ushort.MaxValue)),
    };

    /// <summary>floor(a*b/2^31 + 1/2) with 64-bit floor arithmetic, saturated.</summary>
    private static int HighMulOracle(int a, int b) =>
        a == int.MinValue && b == int.MinValue ? int.MaxValue : (int)(((long)a * b + (1L << 30)) >> 31);

    /// <summary>x / 2^e rounded half away from zero, from the floor quotient and its exact remainder.</summary>
    private static int DivideOracle(int x, int exponent)
    {
        long floor = (long)x >> exponent, remainder = x - (floor << exponent), half = 1L << exponent;
        long twice = 2 * remainder;
        bool up = twice > half || (twice == half && x >= 0);
        return (int)(up ? floor + 1 : floor);
    }
}
