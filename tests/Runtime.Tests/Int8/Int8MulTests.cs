using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8MulTests
{
    /// <summary>Input scales 0.5 and 0.5, output scale 1: the product is scaled by 1/4.</summary>
    [Theory]
    [InlineData(3, 0, 3, 0, 0, -128, 127, 3)]     // 2.25 becomes 3: TFLite's double rounding (4.5 -> 5, then 2.5 -> 3)
    [InlineData(-3, 0, 3, 0, 0, -128, 127, -2)]   // -2.25: -4.5 -> -4 (ties up), then -2
    [InlineData(5, 1, 0, -2, 10, -128, 127, 12)]  // (5 - 1) * (0 + 2) / 4 + 10
    [InlineData(127, 0, 127, 0, 0, -128, 127, 127)]
    [InlineData(-3, 0, 3, 0, 0, 0, 127, 0)]       // ReLU range
    public void HandComputedValues(int a, int zeroPoint1, int b, int zeroPoint2, int outputZeroPoint, int min, int max, int expected)
    {
        Int8ScaleParameters.Product(0.5, 0.5, 1.0, out int multiplier, out int shift);
        var y = new sbyte[1];
        Int8Mul.Reference([(sbyte)a], [(sbyte)b], y, -zeroPoint1, -zeroPoint2, outputZeroPoint, multiplier, shift, min, max);
        Assert.Equal(expected, y[0]);
        Int8Mul.Run([(sbyte)a], [(sbyte)b], y, -zeroPoint1, -zeroPoint2, outputZeroPoint, multiplier, shift, min, max);
        Assert.Equal(expected, y[0]);
    }

    [Fact]
    public void RandomTensorsMatchTheReferenceBitForBit()
    {
        var data = new TestData(131);
        for (int trial = 0; trial < 600; trial++)
        {
            int length = trial < 68 ? trial : data.Next(1, 300);
            (int min, int max) = Int8Samples.ActivationRange(data);
            Int8ScaleParameters.Product(Scale(data), Scale(data), Scale(data), out int multiplier, out int shift);
            int offset1 = Int8Samples.InputOffset(data), offset2 = Int8Samples.InputOffset(data), outputOffset = data.Next(-128, 127);
            sbyte[] a = Int8Samples.Tensor(data, length), b = Int8Samples.Tensor(data, length);
            sbyte[] expected = Int8Samples.Poisoned(length), actual = Int8Samples.Poisoned(length);
            Int8Mul.Reference(a, b, expected, offset1, offset2, outputOffset, multiplier, shift, min, max);
            Int8Mul.Run(a, b, actual, offset1, offset2, outputOffset, multiplier, shift, min, max);
            Assert.Equal(expected, actual);
        }
    }

    private static double Scale(TestData data) => System.Math.Pow(2, data.Next(-10, 2)) * (1 + data.Next(0, 999) / 1000.0);
}
