using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8QuantizeTests
{
    [Theory]
    [InlineData(0.25f, 0.5f, 0, 1)]             // 0.5 rounds away from zero
    [InlineData(-0.25f, 0.5f, 0, -1)]
    [InlineData(1.25f, 0.5f, 0, 3)]             // 2.5 -> 3, not to even
    [InlineData(-1.25f, 0.5f, 0, -3)]
    [InlineData(0.65f, 0.1f, 0, 6)]             // 0.65f / 0.1f = 6.4999995f; times 1/0.1f it would be 6.5 -> 7
    [InlineData(1f, 0.5f, 100, 102)]
    [InlineData(20f, 0.5f, 100, 127)]           // 140 saturates
    [InlineData(-20f, 0.5f, -100, -128)]
    [InlineData(1e30f, 0.01f, 0, 127)]          // beyond int32: saturates
    [InlineData(-1e30f, 0.01f, 127, -128)]
    [InlineData(float.PositiveInfinity, 1f, 5, 127)]
    [InlineData(float.NegativeInfinity, 1f, 5, -128)]
    [InlineData(float.NaN, 1f, -7, -7)]         // NaN gives the zero point
    public void QuantizeHandValues(float x, float scale, int zeroPoint, int expected) =>
        AssertQuantizes(x, scale, zeroPoint, MidpointRounding.AwayFromZero, expected);

    [Theory]
    [InlineData(0.25f, 0.5f, 0, 0)]             // 0.5 rounds to even
    [InlineData(0.75f, 0.5f, 0, 2)]             // 1.5 -> 2
    [InlineData(1.25f, 0.5f, 0, 2)]             // 2.5 -> 2
    [InlineData(-1.25f, 0.5f, 0, -2)]
    [InlineData(-1.75f, 0.5f, 3, -1)]           // -3.5 -> -4, plus 3
    [InlineData(20f, 0.5f, 100, 127)]
    [InlineData(float.NegativeInfinity, 1f, 5, -128)]
    [InlineData(float.NaN, 1f, -7, -7)]
    public void QuantizeHalfToEvenHandValues(float x, float scale, int zeroPoint, int expected) =>
        AssertQuantizes(x, scale, zeroPoint, MidpointRounding.ToEven, expected);

    private static void AssertQuantizes(float x, float scale, int zeroPoint, MidpointRounding rounding, int expected)
    {
        var y = new sbyte[1];
        Int8Quantize.Reference([x], y, scale, zeroPoint, rounding);
        Assert.Equal(expected, y[0]);
        // 16 copies take the vector path, the single element the scalar one.
        var many = new sbyte[16];
        Run(rounding, Filled(x), many, scale, zeroPoint);
        Assert.All(many, value => Assert.Equal(expected, value));
        Run(rounding, [x], y, scale, zeroPoint);
        Assert.Equal(expected, y[0]);
    }

    private static float[] Filled(float x)
    {
        var values = new float[16];
        values.AsSpan().Fill(x);
        return values;
    }

    private static void Run(MidpointRounding rounding, float[] x, sbyte[] y, float scale, int zeroPoint)
    {
        if (rounding == MidpointRounding.ToEven) Int8Quantize.RunHalfToEven(x, y, scale, zeroPoint);
        else Int8Quantize.Run(x, y, scale, zeroPoint);
    }

    [Theory]
    [InlineData(MidpointRounding.AwayFromZero)]
    [InlineData(MidpointRounding.ToEven)]
    public void QuantizeMatchesTheReferenceBitForBit(MidpointRounding rounding)
    {
        var data = new TestData(111);
        for (int trial = 0; trial < 500; trial++)
        {
            int length = trial < 68 ? trial : data.Next(1, 300);
            float scale = Scale(data);
            int zeroPoint = data.Next(-128, 127);
            var x = new float[length];
            for (int i = 0; i < length; i++)
            {
                x[i] = data.Next(0, 9) switch
                {
                    0 => (data.Next(-300, 300) + 0.5f) * scale,   // ties (exact when the scale is a power of two)
                    1 => float.NaN,
                    2 => data.Coin() ? float.PositiveInfinity : float.NegativeInfinity,
                    3 => (data.Coin() ? 1 : -1) * MathF.Pow(10, data.Next(-40, 38)),
                    _ => (float)((data.Floats(1)[0]) * scale * 200),
                };
            }

            sbyte[] expected = Int8Samples.Poisoned(length), actual = Int8Samples.Poisoned(length);
            Int8Quantize.Reference(x, expected, scale, zeroPoint, rounding);
            Run(rounding, x, actual, scale, zeroPoint);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void DequantizeHandValues()
    {
        sbyte[] x = [-128, 0, 3, 127];
        var y = new float[4];
        Int8Dequantize.Reference(x, y, 0.5f, 3);
        Assert.Equal(new[] { -65.5f, -1.5f, 0f, 62f }, y);
    }

    [Fact]
    public void DequantizeMatchesTheReferenceBitForBit()
    {
        var data = new TestData(112);
        for (int trial = 0; trial < 500; trial++)
        {
            int length = trial < 68 ? trial : data.Next(1, 300);
            float scale = trial % 7 == 0 ? MathF.Pow(2, data.Next(-149, 127)) : Scale(data);
            int zeroPoint = data.Next(-128, 127);
            sbyte[] x = Int8Samples.Tensor(data, length);
            float[] expected = TestData.Poisoned(length), actual = TestData.Poisoned(length);
            Int8Dequantize.Reference(x, expected, scale, zeroPoint);
            Int8Dequantize.Run(x, actual, scale, zeroPoint);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
            }
        }
    }

    [Theory]
    [InlineData(3, 0.5, 0, 0, 2)]        // 1.5 -> 2
    [InlineData(-3, 0.5, 0, 0, -1)]      // -1.5 -> -1: the high multiply's tie goes towards +infinity, as in TFLite
    [InlineData(10, 2.0, 4, -5, 7)]      // (10 - 4) * 2 - 5
    [InlineData(100, 2.0, 0, 0, 127)]
    [InlineData(-100, 2.0, 0, 0, -128)]
    [InlineData(-128, 1.0, -128, 127, 127)]
    public void RequantizeHandValues(int x, double ratio, int inputZeroPoint, int outputZeroPoint, int expected)
    {
        Int8ScaleParameters.Ratio(ratio, 1.0, out int multiplier, out int shift);
        var y = new sbyte[1];
        Int8Requantize.Reference([(sbyte)x], y, multiplier, shift, inputZeroPoint, outputZeroPoint);
        Assert.Equal(expected, y[0]);
        Int8Requantize.Run([(sbyte)x], y, multiplier, shift, inputZeroPoint, outputZeroPoint);
        Assert.Equal(expected, y[0]);
    }

    [Fact]
    public void RequantizeMatchesTheReferenceBitForBit()
    {
        var data = new TestData(113);
        for (int trial = 0; trial < 500; trial++)
        {
            int length = trial < 68 ? trial : data.Next(1, 300);
            Int8ScaleParameters.Ratio(Scale(data), Scale(data), out int multiplier, out int shift);
            int inputZeroPoint = -Int8Samples.InputOffset(data), outputZeroPoint = data.Next(-128, 127);
            // Every other trial clamps to an activation range, as RELU and RELU6 do.
            int min = trial % 2 == 0 ? sbyte.MinValue : data.Next(-128, 0), max = trial % 2 == 0 ? sbyte.MaxValue : data.Next(min, 127);
            sbyte[] x = Int8Samples.Tensor(data, length);
            sbyte[] expected = Int8Samples.Poisoned(length), actual = Int8Samples.Poisoned(length);
            Int8Requantize.Reference(x, expected, multiplier, shift, inputZeroPoint, outputZeroPoint, min, max);
            Int8Requantize.Run(x, actual, multiplier, shift, inputZeroPoint, outputZeroPoint, min, max);
            Assert.Equal(expected, actual);
            Assert.All(actual, v => Assert.InRange(v, min, max));
        }
    }

    /// <summary>A float32 scale, a power of two one time in three (so ties are exact).</summary>
    private static float Scale(TestData data) =>
        MathF.Pow(2, data.Next(-12, 3)) * (data.Next(0, 2) == 0 ? 1 : 1 + data.Next(1, 999) / 1000f);
}
