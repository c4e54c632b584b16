using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class TernaryConv2DTests
{
    /// <summary>
    /// Against the double-precision convolution of the dequantized weights ((plus - minus) x a_o), within the float
    /// rounding bound every float kernel is held to (1e-5 absolute + 1e-3 relative): padding, strides, dilations,
    /// batches and every activation.
    /// </summary>
    [Fact]
    public void EqualsTheDequantizedConvolutionWithinFloatRounding()
    {
        var data = new TestData(93);
        for (int trial = 0; trial < 80; trial++)
        {
            int kh = data.Next(1, 3), kw = data.Next(1, 3), stride = data.Next(1, 2), dilation = data.Next(1, 2), pad = data.Next(0, 2);
            int inH = data.Next(kh * dilation, 9), inW = data.Next(kw * dilation, 9), inC = data.Next(1, 6), outC = data.Next(1, 20), batch = data.Next(1, 2);
            int outH = (inH + 2 * pad - (kh - 1) * dilation - 1) / stride + 1, outW = (inW + 2 * pad - (kw - 1) * dilation - 1) / stride + 1;
            var shape = new Conv2DShape(batch, inC, inH, inW, outC, outH, outW, kh, kw, stride, stride, pad, pad, dilation, dilation, 1);
            int window = inC * kh * kw;
            byte[] planes = TernaryGemmTests.RandomPlanes(data, outC, window);
            float[] scales = data.Floats(outC), x = data.Floats(batch * inC * inH * inW, 4f);
            float[] bias = data.Coin() ? [] : data.Floats(outC);
            var activation = data.AnyActivation();
            float[] y = TestData.Poisoned(batch * outC * outH * outW);
            TernaryConv2D.Run(x, planes, scales, bias, y, shape, activation);
            var expected = Oracle.Conv2D(x, TernaryGemmTests.Dequantize(planes, scales, outC, window), bias, shape, activation);
            Accuracy.AssertClose(expected, y, $"trial {trial} {batch}x{inC}x{inH}x{inW} -> {outC}, kernel {kh}x{kw}, stride {stride}, dilation {dilation}, pad {pad}");
        }
    }

    [Fact]
    public void GroupsAndOversizedWindowsAreRejected()
    {
        var grouped = new Conv2DShape(1, 2, 3, 3, 2, 3, 3, 1, 1, 1, 1, 0, 0, 1, 1, 2);
        Assert.Throws<ArgumentException>(() => TernaryConv2D.Run(new float[18], new byte[4], new float[2], [], new float[18], grouped, default));
        var wide = new Conv2DShape(1, TernaryConv2D.MaximumWindow + 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        Assert.Throws<ArgumentException>(() => TernaryConv2D.Run(new float[TernaryConv2D.MaximumWindow + 1], new byte[1100], new float[1], [], new float[1], wide, default));
    }
}
