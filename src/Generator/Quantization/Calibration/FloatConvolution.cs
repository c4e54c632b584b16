using System;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// One Conv layer of the build-time float evaluator (NCHW, ONNX semantics, padded taps contribute nothing), its
/// weights packed once for every sample. Every output starts at its bias and adds its terms in input-channel then
/// kernel-tap order, exactly as one dot product per pixel would, so the three loop orders below give the same bits;
/// they differ only in what the vector loop runs along:
/// ungrouped layers along the output channels (weights packed [in, tap, out]), depthwise layers along the channels
/// of a channels-last copy of the input (weights [tap, channel]), other grouped layers along the rows of an output
/// plane, one kernel tap at a time.
/// </summary>
internal sealed class FloatConvolution
{
    private readonly Window2D _window;
    private readonly int _groups;
    private readonly float[] _weights;
    private readonly float[]? _bias;
    private readonly Func<float[], float[]> _run;

    /// <param name="weights">[out, in / groups, kh, kw], as ONNX stores them.</param>
    public FloatConvolution(Window2D window, float[] weights, float[]? bias, int groups)
    {
        _window = window;
        _groups = groups;
        _bias = bias;
        var taps = window.KernelHeight * window.KernelWidth;
        if (groups == 1)
        {
            _weights = FloatLayoutOps.TransposeMatrix(weights, window.OutChannels, window.InChannels * taps);
            _run = AlongOutputChannels;
        }
        else if (groups == window.InChannels && groups == window.OutChannels)
        {
            _weights = FloatLayoutOps.TransposeMatrix(weights, window.OutChannels, taps);
            _run = Depthwise;
        }
        else
        {
            _weights = weights;
            _run = TapByTap;
        }
    }

    public float[] Run(float[] x) => _run(x);

    private float[] AlongOutputChannels(float[] x)
    {
        var s = _window;
        var inPlane = s.InHeight * s.InWidth;
        var sums = new float[s.OutChannels];
        return PixelByPixel(sums, (pixels, kernel, count, n) =>
        {
            for (var i = 0; i < s.InChannels; i++)
            {
                var plane = (n * s.InChannels + i) * inPlane;
                for (var t = 0; t < count; t++)
                {
                    var row = (i * s.KernelHeight * s.KernelWidth + kernel[t]) * s.OutChannels;
                    FloatSpans.MultiplyAdd(sums, new ReadOnlySpan<float>(_weights, row, s.OutChannels), x[plane + pixels[t]]);
                }
            }
        });
    }

    private float[] Depthwise(float[] x)
    {
        var s = _window;
        var inPlane = s.InHeight * s.InWidth;
        var channelsLast = FloatLayoutOps.TransposeMatrix(x, s.Batch * s.InChannels, inPlane);
        var sums = new float[s.OutChannels];
        return PixelByPixel(sums, (pixels, kernel, count, n) =>
        {
            for (var t = 0; t < count; t++)
            {
                var input = new ReadOnlySpan<float>(channelsLast, (pixels[t] * s.Batch + n) * s.InChannels, s.InChannels);
                FloatSpans.MultiplyAdd(sums, input, new ReadOnlySpan<float>(_weights, kernel[t] * s.OutChannels, s.OutChannels));
            }
        });
    }

    private delegate void PixelSums(ReadOnlySpan<int> pixels, ReadOnlySpan<int> kernel, int count, int batch);

    /// <summary>For each output pixel: <paramref name="sums"/> set to the biases, <paramref name="add"/> given the pixel's in-range taps, the sums stored in NCHW.</summary>
    private float[] PixelByPixel(float[] sums, PixelSums add)
    {
        var s = _window;
        var outPlane = s.OutHeight * s.OutWidth;
        var y = new float[s.Batch * s.OutChannels * outPlane];
        Span<int> pixels = stackalloc int[s.KernelHeight * s.KernelWidth];
        Span<int> kernel = stackalloc int[s.KernelHeight * s.KernelWidth];
        for (var oy = 0; oy < s.OutHeight; oy++)
        for (var ox = 0; ox < s.OutWidth; ox++)
        {
            var count = FloatWindowOps.InRangeTaps(s, oy, ox, pixels, kernel);
            for (var n = 0; n < s.Batch; n++)
            {
                if (_bias is null) Array.Clear(sums, 0, sums.Length);
                else Array.Copy(_bias, sums, sums.Length);
                add(pixels, kernel, count, n);
                var at = n * s.OutChannels * outPlane + oy * s.OutWidth + ox;
                for (var o = 0; o < sums.Length; o++) y[at + o * outPlane] = sums[o];
            }
        }

        return y;
    }

    /// <summary>Each output plane takes one kernel tap at a time over every pixel it reaches, a vector loop along the rows.</summary>
    private float[] TapByTap(float[] x)
    {
        var (s, w, bias, groups) = (_window, _weights, _bias, _groups);
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
}
