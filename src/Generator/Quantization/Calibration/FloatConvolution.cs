using System;
using System.Numerics;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// One Conv layer of the build-time float evaluator (NCHW, ONNX semantics, padded taps contribute nothing), its
/// weights packed once for every sample. Every output starts at its bias and adds its terms in input-channel then
/// kernel-tap order, exactly as one dot product per pixel would, so the four loop orders below give the same bits;
/// they differ only in what the vector loop runs along: 1x1 stride-1 layers along the pixels of an output row, other
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
        if (groups == 1 && taps == 1 && window.StrideHeight == 1 && window.StrideWidth == 1 && window.PadTop == 0 && window.PadLeft == 0
            && window.OutHeight == window.InHeight && window.OutWidth == window.InWidth)
        {
            _weights = weights;
            _run = Pointwise;
        }
        else if (groups == 1)
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

    /// <summary>
    /// A 1x1 convolution is a matrix product per image, y[o, p] = bias[o] + sum_i w[o, i] x[i, p]: each output row is
    /// built a block of four vectors of pixels at a time, the block's sums kept in registers over all input channels.
    /// </summary>
    private float[] Pointwise(float[] x)
    {
        var s = _window;
        var plane = s.OutHeight * s.OutWidth;
        var y = new float[s.Batch * s.OutChannels * plane];
        var lanes = Vector<float>.Count;
        var blocked = Vector.IsHardwareAccelerated ? plane / (4 * lanes) * (4 * lanes) : 0;
        var vectors = Vector.IsHardwareAccelerated ? plane / lanes * lanes : 0;
        for (var n = 0; n < s.Batch; n++)
        for (var o = 0; o < s.OutChannels; o++)
        {
            var images = n * s.InChannels * plane;
            var row = (n * s.OutChannels + o) * plane;
            var weights = o * s.InChannels;
            var start = _bias?[o] ?? 0f;
            for (var p = 0; p < blocked; p += 4 * lanes)
            {
                Vector<float> sum0 = new(start), sum1 = sum0, sum2 = sum0, sum3 = sum0;
                for (var i = 0; i < s.InChannels; i++)
                {
                    var weight = new Vector<float>(_weights[weights + i]);
                    var at = images + i * plane + p;
                    sum0 += new Vector<float>(x, at) * weight;
                    sum1 += new Vector<float>(x, at + lanes) * weight;
                    sum2 += new Vector<float>(x, at + 2 * lanes) * weight;
                    sum3 += new Vector<float>(x, at + 3 * lanes) * weight;
                }

                sum0.CopyTo(y, row + p);
                sum1.CopyTo(y, row + p + lanes);
                sum2.CopyTo(y, row + p + 2 * lanes);
                sum3.CopyTo(y, row + p + 3 * lanes);
            }

            for (var p = blocked; p < vectors; p += lanes)
            {
                var sum = new Vector<float>(start);
                for (var i = 0; i < s.InChannels; i++) sum += new Vector<float>(x, images + i * plane + p) * new Vector<float>(_weights[weights + i]);
                sum.CopyTo(y, row + p);
            }

            for (var p = vectors; p < plane; p++)
            {
                var sum = start;
                for (var i = 0; i < s.InChannels; i++) sum += x[images + i * plane + p] * _weights[weights + i];
                y[row + p] = sum;
            }
        }

        return y;
    }

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
