using System;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>NCHW convolution and pooling in float for the build-time evaluator, ONNX semantics.</summary>
internal static class FloatWindowOps
{
    /// <summary>
    /// Grouped convolution; w is [out, in / groups, kh, kw], padded taps contribute nothing. Each output plane starts
    /// at its bias and takes one kernel tap at a time over every pixel it reaches (a vector loop along the rows), so
    /// every output still sums its terms in input-channel then tap order, as a dot product per pixel would.
    /// </summary>
    public static float[] Conv(float[] x, float[] w, float[]? bias, Window2D s, int groups)
    {
        var outPlane = s.OutHeight * s.OutWidth;
        var inPlane = s.InHeight * s.InWidth;
        var y = new float[s.Batch * s.OutChannels * outPlane];
        var inPerGroup = s.InChannels / groups;
        var outPerGroup = s.OutChannels / groups;
        var taps = s.KernelHeight * s.KernelWidth;
        for (var n = 0; n < s.Batch; n++)
        for (var o = 0; o < s.OutChannels; o++)
        {
            var output = y.AsSpan((n * s.OutChannels + o) * outPlane, outPlane);
            if (bias is not null) output.Fill(bias[o]);
            var firstIn = o / outPerGroup * inPerGroup;
            for (var i = 0; i < inPerGroup; i++)
            {
                var input = new ReadOnlySpan<float>(x, (n * s.InChannels + firstIn + i) * inPlane, inPlane);
                var filter = (o * inPerGroup + i) * taps;
                for (var ky = 0; ky < s.KernelHeight; ky++)
                for (var kx = 0; kx < s.KernelWidth; kx++)
                {
                    AddTap(output, input, w[filter + ky * s.KernelWidth + kx], s, ky * s.DilationHeight - s.PadTop, kx * s.DilationWidth - s.PadLeft);
                }
            }
        }

        return y;
    }

    /// <summary>
    /// output(oy, ox) += weight * input(oy * strideH + dy, ox * strideW + dx) wherever that pixel is inside the image;
    /// one span when the rows it covers are whole and contiguous in both planes (1x1 and centre taps), else row by row.
    /// </summary>
    private static void AddTap(Span<float> output, ReadOnlySpan<float> input, float weight, Window2D s, int dy, int dx)
    {
        var (firstRow, endRow) = Reach(s.OutHeight, s.StrideHeight, dy, s.InHeight);
        var (firstColumn, endColumn) = Reach(s.OutWidth, s.StrideWidth, dx, s.InWidth);
        if (firstRow >= endRow || firstColumn >= endColumn) return;
        var width = endColumn - firstColumn;
        if (s.StrideHeight == 1 && s.StrideWidth == 1 && dx == 0 && width == s.OutWidth && s.OutWidth == s.InWidth)
        {
            var length = (endRow - firstRow) * width;
            FloatSpans.MultiplyAdd(output.Slice(firstRow * width, length), input.Slice((firstRow + dy) * width, length), weight);
            return;
        }

        for (var oy = firstRow; oy < endRow; oy++)
        {
            var row = output.Slice(oy * s.OutWidth, s.OutWidth);
            var source = (oy * s.StrideHeight + dy) * s.InWidth + dx;
            if (s.StrideWidth == 1)
            {
                FloatSpans.MultiplyAdd(row.Slice(firstColumn, width), input.Slice(source + firstColumn, width), weight);
                continue;
            }

            for (var ox = firstColumn; ox < endColumn; ox++) row[ox] += input[source + ox * s.StrideWidth] * weight;
        }
    }

    /// <summary>The outputs [first, end) along one axis whose input position o * stride + offset lies in [0, inSize).</summary>
    private static (int First, int End) Reach(int outSize, int stride, int offset, int inSize)
    {
        var first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        var last = inSize - 1 - offset;
        var end = last < 0 ? 0 : Math.Min(outSize, last / stride + 1);
        return (first, end);
    }

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
    private static int InRangeTaps(Window2D s, int oy, int ox, Span<int> pixels, Span<int> kernel)
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
