using System;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>Direct NCHW convolution and pooling in float for the build-time evaluator: plain loops, ONNX semantics.</summary>
internal static class FloatWindowOps
{
    /// <summary>Grouped convolution; w is [out, in / groups, kh, kw], padded taps contribute nothing.</summary>
    public static float[] Conv(float[] x, float[] w, float[]? bias, Window2D s, int groups)
    {
        var y = new float[s.Batch * s.OutChannels * s.OutHeight * s.OutWidth];
        var inPerGroup = s.InChannels / groups;
        var outPerGroup = s.OutChannels / groups;
        for (var n = 0; n < s.Batch; n++)
        for (var o = 0; o < s.OutChannels; o++)
        {
            var firstIn = o / outPerGroup * inPerGroup;
            for (var oy = 0; oy < s.OutHeight; oy++)
            for (var ox = 0; ox < s.OutWidth; ox++)
            {
                var sum = bias?[o] ?? 0f;
                for (var i = 0; i < inPerGroup; i++)
                for (var ky = 0; ky < s.KernelHeight; ky++)
                {
                    var iy = oy * s.StrideHeight - s.PadTop + ky * s.DilationHeight;
                    if ((uint)iy >= (uint)s.InHeight) continue;
                    for (var kx = 0; kx < s.KernelWidth; kx++)
                    {
                        var ix = ox * s.StrideWidth - s.PadLeft + kx * s.DilationWidth;
                        if ((uint)ix >= (uint)s.InWidth) continue;
                        sum += x[((n * s.InChannels + firstIn + i) * s.InHeight + iy) * s.InWidth + ix] * w[((o * inPerGroup + i) * s.KernelHeight + ky) * s.KernelWidth + kx];
                    }
                }

                y[((n * s.OutChannels + o) * s.OutHeight + oy) * s.OutWidth + ox] = sum;
            }
        }

        return y;
    }

    /// <summary>Max or average (over in-range taps only) pooling per channel.</summary>
    public static float[] Pool(float[] x, Window2D s, bool max)
    {
        var y = new float[s.Batch * s.InChannels * s.OutHeight * s.OutWidth];
        for (var c = 0; c < s.Batch * s.InChannels; c++)
        for (var oy = 0; oy < s.OutHeight; oy++)
        for (var ox = 0; ox < s.OutWidth; ox++)
        {
            var result = max ? float.NegativeInfinity : 0f;
            var count = 0;
            for (var ky = 0; ky < s.KernelHeight; ky++)
            {
                var iy = oy * s.StrideHeight - s.PadTop + ky * s.DilationHeight;
                if ((uint)iy >= (uint)s.InHeight) continue;
                for (var kx = 0; kx < s.KernelWidth; kx++)
                {
                    var ix = ox * s.StrideWidth - s.PadLeft + kx * s.DilationWidth;
                    if ((uint)ix >= (uint)s.InWidth) continue;
                    var v = x[(c * s.InHeight + iy) * s.InWidth + ix];
                    result = max ? Math.Max(result, v) : result + v;
                    count++;
                }
            }

            y[(c * s.OutHeight + oy) * s.OutWidth + ox] = max || count == 0 ? result : result / count;
        }

        return y;
    }
}
