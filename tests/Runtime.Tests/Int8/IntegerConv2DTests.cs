using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class IntegerConv2DTests
{
    /// <summary>
    /// Sums against the float convolution of the zero-point-shifted integers (exact in float at these sizes), with
    /// groups, strides, dilations, padding and per-channel weight zero points; the uint8 QLinearConv output equals the
    /// int8 one plus 128.
    /// </summary>
    [Fact]
    public void SumsEqualTheFloatConvolutionOfTheShiftedIntegers()
    {
        var data = new TestData(151);
        for (int trial = 0; trial < 150; trial++)
        {
            int groups = data.Next(1, 3), inChannels = groups * data.Next(1, 3), outChannels = groups * data.Next(1, 3);
            int kh = data.Next(1, 3), kw = data.Next(1, 3), inH = data.Next(kh, 6), inW = data.Next(kw, 6);
            int stride = data.Next(1, 2), dilation = data.Next(1, 2), pad = data.Next(0, 1);
            int outH = (inH + 2 * pad - dilation * (kh - 1) - 1) / stride + 1, outW = (inW + 2 * pad - dilation * (kw - 1) - 1) / stride + 1;
            if (outH < 1 || outW < 1) continue;
            var shape = new Conv2DShape(1, inChannels, inH, inW, outChannels, outH, outW, kh, kw, stride, stride, pad, pad, dilation, dilation, groups);
            sbyte[] x = Int8Samples.Tensor(data, inChannels * inH * inW), w = Int8Samples.Tensor(data, outChannels * (inChannels / groups) * kh * kw);
            int xZero = data.Next(-128, 127);
            var wZeros = new int[data.Coin() ? outChannels : 1];
            for (int i = 0; i < wZeros.Length; i++) wZeros[i] = data.Next(-128, 127);

            var sums = new int[outChannels * outH * outW];
            IntegerConv2D.Run<sbyte, sbyte>(x, w, sums, shape, xZero, wZeros);

            // Padded taps read x - xZero = 0 in the float form too.
            var xf = Array.ConvertAll(x, v => (float)(v - xZero));
            var wf = new float[w.Length];
            int perChannel = w.Length / outChannels;
            for (int i = 0; i < w.Length; i++) wf[i] = w[i] - wZeros[wZeros.Length == 1 ? 0 : i / perChannel];
            var expected = new float[sums.Length];
            Conv2D.Run(xf, wf, default, expected, shape, Activation.None);
            Assert.Equal(expected, Array.ConvertAll(sums, v => (float)v));

            int[] bias = Int8Samples.Bias(data, outChannels);
            float[] scales = [data.Next(1, 1000) * 1e-5f];
            int yZero = data.Next(0, 255);
            var signed = new sbyte[sums.Length];
            var unsigned = new byte[sums.Length];
            IntegerConv2D.Run<sbyte, sbyte>(x, w, bias, signed, shape, xZero, wZeros, new Requantization(scales, yZero - 128, -128, 127));
            IntegerConv2D.Run<sbyte, sbyte>(x, w, bias, unsigned, shape, xZero, wZeros, new Requantization(scales, yZero - 128, -128, 127));
            for (int i = 0; i < sums.Length; i++)
            {
                int withBias = sums[i] + bias[i / (outH * outW)];
                int rounded = (int)Math.Clamp(MathF.Round(withBias * scales[0], MidpointRounding.ToEven) + yZero, 0, 255);
                Assert.Equal(rounded, unsigned[i]);
                Assert.Equal(rounded - 128, signed[i]);
            }
        }
    }
}
