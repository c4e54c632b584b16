using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8AddTests
{
    [Fact]
    public void HandComputedHalvesRoundAwayFromZero()
    {
        // Inputs at scale 0.5, output at scale 1, all zero points 0: 1.5 + 2 = 3.5 -> 4 and 1.5 - 5 = -3.5 -> -4.
        Int8AddQuantization q = FromScales(0.5, 0, 0.5, 0, 1.0, 0, -128, 127);
        sbyte[] a = [3, 3], b = [4, -10], y = new sbyte[2];
        Int8Add.Reference(a, b, y, q);
        Assert.Equal(new sbyte[] { 4, -4 }, y);
        Int8Add.Run(a, b, y, q);
        Assert.Equal(new sbyte[] { 4, -4 }, y);
    }

    [Fact]
    public void RandomTensorsMatchTheReferenceBitForBit()
    {
        var data = new TestData(81);
        for (int trial = 0; trial < 600; trial++)
        {
            int length = trial < 68 ? trial : data.Next(1, 300);
            (int min, int max) = Int8Samples.ActivationRange(data);
            Int8AddQuantization q = FromScales(Scale(data), ZeroPoint(data), Scale(data), ZeroPoint(data), Scale(data), ZeroPoint(data), min, max);
            sbyte[] a = Int8Samples.Tensor(data, length), b = Int8Samples.Tensor(data, length);
            sbyte[] expected = Int8Samples.Poisoned(length), actual = Int8Samples.Poisoned(length);
            Int8Add.Reference(a, b, expected, q);
            Int8Add.Run(a, b, actual, q);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>Power-of-two scales make every multiplier 2^30: the shift-only parameters give the multiplier form's bytes.</summary>
    [Fact]
    public void PowerOfTwoScalesAddByShiftsAsTheMultiplierFormDoes()
    {
        var data = new TestData(82);
        for (int trial = 0; trial < 300; trial++)
        {
            int length = data.Next(1, 100);
            (int min, int max) = Int8Samples.ActivationRange(data);
            Int8AddQuantization q = FromScales(Math.Pow(2, data.Next(-10, 2)), ZeroPoint(data), Math.Pow(2, data.Next(-10, 2)), ZeroPoint(data),
                                               Math.Pow(2, data.Next(-10, 2)), ZeroPoint(data), min, max);
            Assert.Equal(new[] { 1 << 30, 1 << 30, 1 << 30 }, new[] { q.Input1Multiplier, q.Input2Multiplier, q.OutputMultiplier });
            var shiftOnly = Int8AddQuantization.PowerOfTwo(q.Input1Offset, q.Input1Shift, q.Input2Offset, q.Input2Shift, q.OutputOffset, q.OutputShift, min, max);
            sbyte[] a = Int8Samples.Tensor(data, length), b = Int8Samples.Tensor(data, length);
            sbyte[] expected = Int8Samples.Poisoned(length), reference = Int8Samples.Poisoned(length), vector = Int8Samples.Poisoned(length);
            Int8Add.Reference(a, b, expected, q);
            Int8Add.Reference(a, b, reference, shiftOnly);
            Int8Add.Run(a, b, vector, shiftOnly);
            Assert.Equal(expected, reference);
            Assert.Equal(expected, vector);
        }
    }

    /// <summary>TFLite's Prepare for int8 ADD: both inputs rescaled to 2 * max(s1, s2) after a left shift of 20.</summary>
    internal static Int8AddQuantization FromScales(double s1, int zp1, double s2, int zp2, double so, int zpo, int min, int max)
    {
        double twiceMax = 2 * Math.Max(s1, s2);
        MultiplierQuantization.QuantizeMultiplier(s1 / twiceMax, out int m1, out int shift1);
        MultiplierQuantization.QuantizeMultiplier(s2 / twiceMax, out int m2, out int shift2);
        MultiplierQuantization.QuantizeMultiplier(twiceMax / ((1 << Int8AddQuantization.Int8LeftShift) * so), out int mo, out int shiftO);
        return new Int8AddQuantization(-zp1, m1, shift1, -zp2, m2, shift2, zpo, mo, shiftO, min, max);
    }

    private static double Scale(TestData data) => Math.Pow(2, data.Next(-10, 2)) * (1 + data.Next(0, 999) / 1000.0);

    private static int ZeroPoint(TestData data) => data.Next(0, 3) switch
    {
        0 => -128,
        1 => 127,
        _ => data.Next(-128, 127),
    };
}
