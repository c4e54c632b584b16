using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8SoftmaxTests
{
    /// <summary>micro_speech's final softmax input: scale 0.09173192083835602 (zero point 14), beta 1.</summary>
    private const double MicroSpeechScale = 0.09173192083835602;

    [Fact]
    public void MicroSpeechParametersMatchTFLitePrepare()
    {
        Int8SoftmaxParameters.Compute(MicroSpeechScale, 1.0, out int multiplier, out int leftShift, out int diffMin);
        Assert.Equal((1575942400, 23, -248), (multiplier, leftShift, diffMin));
    }

    /// <summary>
    /// logit_q and softmax_q per input of ../shared/kws/micro_speech/derived/micro_speech_quantized_reference_outputs.csv
    /// (yes, no, silence, noise, and the legacy golden yes with one logit differing).
    /// </summary>
    [Theory]
    [InlineData(new sbyte[] { -50, -4, 121, -4 }, new sbyte[] { -128, -128, 127, -128 })]
    [InlineData(new sbyte[] { -61, 37, -13, 68 }, new sbyte[] { -128, -114, -128, 114 })]
    [InlineData(new sbyte[] { 18, 14, 14, 12 }, new sbyte[] { -42, -68, -68, -78 })]
    [InlineData(new sbyte[] { 55, 7, 2, 8 }, new sbyte[] { 120, -125, -126, -125 })]
    [InlineData(new sbyte[] { -50, -5, 121, -4 }, new sbyte[] { -128, -128, 127, -128 })]
    public void MicroSpeechLogitsGiveTheReferenceOutputs(sbyte[] logits, sbyte[] expected)
    {
        Int8SoftmaxParameters.Compute(MicroSpeechScale, 1.0, out int multiplier, out int leftShift, out int diffMin);
        var y = new sbyte[4];
        Int8Softmax.Reference(logits, y, 1, 4, multiplier, leftShift, diffMin);
        Assert.Equal(expected, y);
        Int8Softmax.Run(logits, y, 1, 4, multiplier, leftShift, diffMin);
        Assert.Equal(expected, y);
    }

    [Theory]
    [InlineData(new sbyte[] { 7 }, new sbyte[] { 127 })]                   // 1.0 = 256/256 saturates to 127
    [InlineData(new sbyte[] { 5, 5 }, new sbyte[] { 0, 0 })]               // 0.5 = 128/256, minus 128
    [InlineData(new sbyte[] { 0, 0, 0, 0 }, new sbyte[] { -64, -64, -64, -64 })]
    [InlineData(new sbyte[] { 127, 126 }, new sbyte[] { 6, -6 })]          // e^0.0917 / (1 + e^0.0917) = 0.5229 -> 133.9 -> 134
    [InlineData(new sbyte[] { -128, 127 }, new sbyte[] { -128, 127 })]     // -255 is below diffMin: exactly zero
    public void HandComputedRows(sbyte[] x, sbyte[] expected)
    {
        Int8SoftmaxParameters.Compute(MicroSpeechScale, 1.0, out int multiplier, out int leftShift, out int diffMin);
        var y = new sbyte[x.Length];
        Int8Softmax.Reference(x, y, 1, x.Length, multiplier, leftShift, diffMin);
        Assert.Equal(expected, y);
    }

    [Theory]
    [InlineData(0.00390625, 1.0, 1 << 30, 19, -3968)]       // 2^-8 * 2^26 = 2^18: radius 31 * 2^26 / 2^19
    [InlineData(1000.0, 1.0, int.MaxValue, 31, 0)]          // capped at 2^31 - 1: only the maximum survives
    public void ParametersMatchTFLitePrepare(double scale, double beta, int expectedMultiplier, int expectedShift, int expectedDiffMin)
    {
        Int8SoftmaxParameters.Compute(scale, beta, out int multiplier, out int leftShift, out int diffMin);
        Assert.Equal((expectedMultiplier, expectedShift, expectedDiffMin), (multiplier, leftShift, diffMin));
    }

    [Fact]
    public void TinyScalesAreRejected() =>
        Assert.Throws<System.ArgumentOutOfRangeException>(() => Int8SoftmaxParameters.Compute(1e-9, 1.0, out _, out _, out _));

    [Fact]
    public void RandomRowsMatchTheReferenceBitForBit()
    {
        var data = new TestData(101);
        for (int trial = 0; trial < 400; trial++)
        {
            double scale = System.Math.Pow(2, data.Next(-12, 4)) * (1 + data.Next(0, 999) / 1000.0);
            double beta = data.Next(0, 3) == 0 ? data.Next(1, 40) / 8.0 : 1.0;
            Int8SoftmaxParameters.Compute((float)scale, beta, out int multiplier, out int leftShift, out int diffMin);
            int rows = data.Next(1, 4), depth = trial < 40 ? trial + 1 : data.Next(1, 700);
            sbyte[] x = Int8Samples.Tensor(data, rows * depth);
            sbyte[] expected = Int8Samples.Poisoned(x.Length), actual = Int8Samples.Poisoned(x.Length);
            Int8Softmax.Reference(x, expected, rows, depth, multiplier, leftShift, diffMin);
            Int8Softmax.Run(x, actual, rows, depth, multiplier, leftShift, diffMin);
            Assert.Equal(expected, actual);
        }
    }
}
