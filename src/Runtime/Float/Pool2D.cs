using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>ONNX MaxPool, AveragePool and GlobalAveragePool over NCHW.</summary>
public static class Pool2D
{
    /// <summary>
    /// Max over each window's in-range taps. NaN in a window gives NaN (as MathF.Max); a window with no
    /// in-range tap gives negative infinity.
    /// </summary>
    public static void Max(ReadOnlySpan<float> x, Span<float> y, in Pool2DShape shape) =>
        Run(x, y, shape, countIncludePad: false, max: true);

    /// <summary>
    /// Mean of each window. countIncludePad: ONNX count_include_pad, dividing by the taps inside the padded input;
    /// taps past it (ceil_mode) never count. A window with nothing to count gives NaN (0 / 0).
    /// </summary>
    public static void Average(ReadOnlySpan<float> x, Span<float> y, in Pool2DShape shape, bool countIncludePad) =>
        Run(x, y, shape, countIncludePad, max: false);

    /// <summary>Mean over each of the <paramref name="batchTimesChannels"/> contiguous planes of <paramref name="spatial"/> values.</summary>
    public static void GlobalAverage(ReadOnlySpan<float> x, Span<float> y, int batchTimesChannels, int spatial)
    {
        for (int p = 0; p < batchTimesChannels; p++)
        {
            y[p] = TensorPrimitives.Sum(x.Slice(p * spatial, spatial)) / spatial;
        }
    }

    private static void Run(ReadOnlySpan<float> x, Span<float> y, in Pool2DShape s, bool countIncludePad, bool max)
    {
        int inPlane = s.InHeight * s.InWidth;
        int outPlane = s.OutHeight * s.OutWidth;
        for (int p = 0; p < s.Batch * s.Channels; p++)
        {
            ReadOnlySpan<float> xPlane = x.Slice(p * inPlane, inPlane);
            Span<float> yPlane = y.Slice(p * outPlane, outPlane);
            for (int oh = 0; oh < s.OutHeight; oh++)
            {
                int top = oh * s.StrideHeight - s.PadTop;
                WindowMath.TapRange(top, s.DilationHeight, s.KernelHeight, s.InHeight, out int khFirst, out int khEnd);
                for (int ow = 0; ow < s.OutWidth; ow++)
                {
                    int left = ow * s.StrideWidth - s.PadLeft;
                    WindowMath.TapRange(left, s.DilationWidth, s.KernelWidth, s.InWidth, out int kwFirst, out int kwEnd);
                    float result;
                    if (max)
                    {
                        result = float.NegativeInfinity;
                        for (int kh = khFirst; kh < khEnd; kh++)
                        {
                            ReadOnlySpan<float> xRow = xPlane.Slice((top + kh * s.DilationHeight) * s.InWidth);
                            for (int kw = kwFirst; kw < kwEnd; kw++)
                            {
                                float v = xRow[left + kw * s.DilationWidth];
                                // Once result is NaN neither test passes, so NaN sticks.
                                if (v > result || float.IsNaN(v))
                                {
                                    result = v;
                                }
                            }
                        }
                    }
                    else
                    {
                        float sum = 0f;
                        for (int kh = khFirst; kh < khEnd; kh++)
                        {
                            ReadOnlySpan<float> xRow = xPlane.Slice((top + kh * s.DilationHeight) * s.InWidth);
                            for (int kw = kwFirst; kw < kwEnd; kw++)
                            {
                                sum += xRow[left + kw * s.DilationWidth];
                            }
                        }

                        int count = countIncludePad
                            ? PaddedTapCount(top + s.PadTop, s.DilationHeight, s.KernelHeight, s.PadTop + s.InHeight + s.PadBottom) *
                              PaddedTapCount(left + s.PadLeft, s.DilationWidth, s.KernelWidth, s.PadLeft + s.InWidth + s.PadRight)
                            : (khEnd - khFirst) * (kwEnd - kwFirst);
                        result = sum / count;
                    }

                    yPlane[oh * s.OutWidth + ow] = result;
                }
            }
        }
    }

    /// <summary>Taps of a window that fall inside the padded extent (ceil_mode can run past it).</summary>
    private static int PaddedTapCount(int startInPadded, int dilation, int kernel, int paddedSize)
    {
        WindowMath.TapRange(startInPadded, dilation, kernel, paddedSize, out int first, out int end);
        return end - first;
    }

    /// <summary>Scalar form of <see cref="Max"/> and <see cref="Average"/>, the specification the fast path is tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> x, Span<float> y, in Pool2DShape s, bool countIncludePad, bool max)
    {
        for (int p = 0; p < s.Batch * s.Channels; p++)
        for (int oh = 0; oh < s.OutHeight; oh++)
        for (int ow = 0; ow < s.OutWidth; ow++)
        {
            float acc = max ? float.NegativeInfinity : 0f;
            int count = 0;
            for (int kh = 0; kh < s.KernelHeight; kh++)
            for (int kw = 0; kw < s.KernelWidth; kw++)
            {
                int ih = oh * s.StrideHeight - s.PadTop + kh * s.DilationHeight;
                int iw = ow * s.StrideWidth - s.PadLeft + kw * s.DilationWidth;
                bool inInput = ih >= 0 && ih < s.InHeight && iw >= 0 && iw < s.InWidth;
                bool inPadded = ih >= -s.PadTop && ih < s.InHeight + s.PadBottom && iw >= -s.PadLeft && iw < s.InWidth + s.PadRight;
                if (inInput)
                {
                    float v = x[(p * s.InHeight + ih) * s.InWidth + iw];
                    acc = max ? MathF.Max(acc, v) : acc + v;
                }

                if (countIncludePad ? inPadded : inInput)
                {
                    count++;
                }
            }

            y[(p * s.OutHeight + oh) * s.OutWidth + ow] = max ? acc : acc / count;
        }
    }
}
