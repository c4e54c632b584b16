using System;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>NCHW pooling in float for the build-time evaluator, ONNX semantics, and the window arithmetic convolution shares.</summary>
internal static class FloatWindowOps
{
    /// <summary>Max or average (over in-range taps only) pooling per channel.</summary>
    public static float[] Pool(float[] x, Window2D s, bool max)
    {
        var y = new float[s.Batch * s.InChannels * s.OutHeight * s.OutWidth];
        Span<int> pixels = stackalloc int[s.KernelHeight * s.KernelWidth];
        Span<int> kernel = stackalloc int[s.KernelHeight * s.KernelWidth];
        for (var oy = 0; oy < s.OutHeight; oy++)
        for (var ox = 0; ox < s.OutWidth; ox++)
        {
            var count = InRangeTaps(s, oy, ox, pixels, kernel);
            for (var c = 0; c < s.Batch * s.InChannels; c++)
            {
                var plane = c * s.InHeight * s.InWidth;
                var result = max ? float.NegativeInfinity : 0f;
                for (var t = 0; t < count; t++) result = max ? Math.Max(result, x[plane + pixels[t]]) : result + x[plane + pixels[t]];
                y[(c * s.OutHeight + oy) * s.OutWidth + ox] = max || count == 0 ? result : result / count;
            }
        }

        return y;
    }

    /// <summary>The taps of output (oy, ox) that land inside the image: their pixel offsets in a plane and their kernel positions.</summary>
    public static int InRangeTaps(Window2D s, int oy, int ox, Span<int> pixels, Span<int> kernel)
    {
        var count = 0;
        for (var ky = 0; ky < s.KernelHeight; ky++)
        {
            var iy = oy * s.StrideHeight - s.PadTop + ky * s.DilationHeight;
            if ((uint)iy >= (uint)s.InHeight) continue;
            for (var kx = 0; kx < s.KernelWidth; kx++)
            {
                var ix = ox * s.StrideWidth - s.PadLeft + kx * s.DilationWidth;
                if ((uint)ix >= (uint)s.InWidth) continue;
                pixels[count] = iy * s.InWidth + ix;
                kernel[count++] = ky * s.KernelWidth + kx;
            }
        }

        return count;
    }
}
