using System;
using QuantizedModels.Generator.Quantization;
using QuantizedModels.Generator.Quantization.Calibration;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

/// <summary>The build-time convolution's three loop orders bit for bit against a dot product per output pixel.</summary>
public class FloatConvolutionTests
{
    [Theory]
    [InlineData(1, 16, 10, 8, 19, 1, 1, 1, 1, 0, 0, 1, 1, 1)] // pointwise: blocks of four vectors, then single vectors
    [InlineData(2, 5, 3, 7, 9, 1, 1, 1, 1, 0, 0, 1, 1, 1)] // pointwise, batch 2, a plane shorter than a block: single vectors and a scalar tail
    [InlineData(1, 4, 6, 6, 9, 1, 1, 2, 2, 0, 0, 1, 1, 1)] // strided 1x1: along the output channels
    [InlineData(1, 1, 49, 10, 20, 10, 4, 2, 2, 4, 1, 1, 1, 1)] // DS-CNN's first layer: strided, asymmetric window
    [InlineData(2, 3, 7, 6, 5, 3, 2, 1, 2, 1, 0, 2, 1, 1)] // ungrouped, batch 2, dilated
    [InlineData(1, 20, 25, 5, 20, 3, 3, 1, 1, 1, 1, 1, 1, 20)] // depthwise 3x3, same padding
    [InlineData(2, 3, 4, 4, 3, 5, 5, 1, 1, 4, 4, 1, 1, 3)] // depthwise, batch 2, kernel wider than the image
    [InlineData(2, 6, 9, 11, 4, 3, 2, 3, 2, 2, 3, 2, 2, 2)] // grouped: batch, dilation, large padding, strided rows
    [InlineData(1, 4, 6, 6, 8, 3, 3, 1, 1, 1, 1, 1, 1, 4)] // grouped with a channel multiplier: whole-plane centre tap
    public void Conv_matches_a_dot_product_per_pixel(int batch, int inChannels, int height, int width, int outChannels, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padTop, int padLeft, int dilationHeight, int dilationWidth, int groups)
    {
        var outHeight = (height + 2 * padTop - dilationHeight * (kernelHeight - 1) - 1) / strideHeight + 1;
        var outWidth = (width + 2 * padLeft - dilationWidth * (kernelWidth - 1) - 1) / strideWidth + 1;
        var window = new Window2D(batch, inChannels, height, width, outChannels, outHeight, outWidth, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft, dilationHeight, dilationWidth);
        var random = new Random(outHeight * 131 + outWidth);
        var x = Adversarial(random, batch * inChannels * height * width);
        var w = Adversarial(random, outChannels * inChannels / groups * kernelHeight * kernelWidth);
        var bias = Adversarial(random, outChannels);

        Assert.Equal(Bits(Reference(x, w, bias, window, groups)), Bits(new FloatConvolution(window, w, bias, groups).Run(x)));
        Assert.Equal(Bits(Reference(x, w, null, window, groups)), Bits(new FloatConvolution(window, w, null, groups).Run(x)));
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);

    /// <summary>Magnitudes over many binades (so the summation order shows in the last bits), negative zeros and ties.</summary>
    private static float[] Adversarial(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (i % 7) switch
            {
                0 => -0f,
                1 => 1f,
                _ => (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-20, 20))),
            };
        }

        return values;
    }

    private static float[] Reference(float[] x, float[] w, float[]? bias, Window2D s, int groups)
    {
        var y = new float[s.Batch * s.OutChannels * s.OutHeight * s.OutWidth];
        var inPerGroup = s.InChannels / groups;
        var outPerGroup = s.OutChannels / groups;
        for (var n = 0; n < s.Batch; n++)
        for (var o = 0; o < s.OutChannels; o++)
        for (var oy = 0; oy < s.OutHeight; oy++)
        for (var ox = 0; ox < s.OutWidth; ox++)
        {
            var sum = bias?[o] ?? 0f;
            for (var i = 0; i < inPerGroup; i++)
            for (var ky = 0; ky < s.KernelHeight; ky++)
            for (var kx = 0; kx < s.KernelWidth; kx++)
            {
                var iy = oy * s.StrideHeight - s.PadTop + ky * s.DilationHeight;
                var ix = ox * s.StrideWidth - s.PadLeft + kx * s.DilationWidth;
                if (iy < 0 || iy >= s.InHeight || ix < 0 || ix >= s.InWidth) continue;
                var channel = o / outPerGroup * inPerGroup + i;
                sum += x[((n * s.InChannels + channel) * s.InHeight + iy) * s.InWidth + ix] * w[((o * inPerGroup + i) * s.KernelHeight + ky) * s.KernelWidth + kx];
            }

            y[((n * s.OutChannels + o) * s.OutHeight + oy) * s.OutWidth + ox] = sum;
        }

        return y;
    }
}
