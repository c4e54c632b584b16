using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

/// <summary>ONNX QuantizeLinear/DequantizeLinear: per axis, int8 and uint8, against the formula element by element.</summary>
public class QuantizeLinearTests
{
    [Fact]
    public void PerAxisQuantizeAndDequantizeFollowTheFormula()
    {
        var data = new TestData(131);
        for (int trial = 0; trial < 200; trial++)
        {
            int outer = data.Next(1, 3), channels = data.Next(1, 5), inner = data.Next(1, 40), length = outer * channels * inner;
            var scales = new float[channels];
            var signedZeroPoints = new int[channels];
            var unsignedZeroPoints = new int[channels];
            for (int c = 0; c < channels; c++)
            {
                scales[c] = MathF.ScaleB(1f, -data.Next(0, 6)) * (data.Coin() ? 1 : 0.37f);
                signedZeroPoints[c] = data.Next(-128, 127);
                unsignedZeroPoints[c] = data.Next(0, 255);
            }

            var x = new float[length];
            for (int i = 0; i < length; i++)
            {
                // Halves of the step hit the ties; the wide range saturates.
                x[i] = data.Coin() ? (data.Next(-600, 600) + 0.5f) * scales[i / inner % channels] : data.Next(-100_000, 100_000) / 300f;
            }

            var signed = new sbyte[length];
            var unsigned = new byte[length];
            QuantizeLinear.Run(x, signed, scales, signedZeroPoints, inner);
            QuantizeLinear.Run(x, unsigned, scales, unsignedZeroPoints, inner);
            var signedBack = new float[length];
            var unsignedBack = new float[length];
            QuantizeLinear.Dequantize(signed, signedBack, scales, signedZeroPoints, inner);
            QuantizeLinear.Dequantize(unsigned, unsignedBack, scales, unsignedZeroPoints, inner);
            for (int i = 0; i < length; i++)
            {
                int c = i / inner % channels;
                float q = MathF.Round(x[i] / scales[c], MidpointRounding.ToEven);
                Assert.Equal(Math.Clamp(q + signedZeroPoints[c], -128, 127), signed[i]);
                Assert.Equal(Math.Clamp(q + unsignedZeroPoints[c], 0, 255), unsigned[i]);
                Assert.Equal((signed[i] - signedZeroPoints[c]) * scales[c], signedBack[i]);
                Assert.Equal((unsigned[i] - unsignedZeroPoints[c]) * scales[c], unsignedBack[i]);
            }
        }
    }

    [Fact]
    public void MismatchedOperandsThrow()
    {
        Assert.Throws<ArgumentException>(() => QuantizeLinear.Run(new float[6], new byte[6], [1f, 2f], [0], 3));
        Assert.Throws<ArgumentException>(() => QuantizeLinear.Dequantize(new sbyte[7], new float[7], [1f], [0], 3));
    }
}
