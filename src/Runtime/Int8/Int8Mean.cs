using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 MEAN over height and width of an NHWC tensor with keep_dims (reference_integer_ops::Mean, the only
/// int8 mean TFLite Micro runs in integers): output [batch, 1, 1, channels]. The multiplier and shift are
/// <see cref="Int8ScaleParameters.Ratio"/> of the input and output scales.
/// </summary>
public static class Int8Mean
{
    private const int BlockChannels = 16;

    /// <summary>
    /// y[b, c] = clamp(divide(MultiplyByQuantizedMultiplier(sum over h, w of (x - inputZeroPoint), m, s), h * w) + outputZeroPoint),
    /// the division rounding half away from zero.
    /// </summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, int batch, int height, int width, int channels,
                           int inputZeroPoint, int outputZeroPoint, int multiplier, int shift)
    {
        int pixels = height * width;
        int blockedChannels = Vector128.IsHardwareAccelerated ? channels - channels % BlockChannels : 0;
        Span<int> blockSums = stackalloc int[BlockChannels];
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<sbyte> image = x.Slice(b * pixels * channels, pixels * channels);
            for (int c = 0; c < blockedChannels; c += BlockChannels)
            {
                SumBlock(image, pixels, channels, c, blockSums);
                for (int lane = 0; lane < BlockChannels; lane++)
                {
                    // sum(x - zp) = sum(x) - n * zp, exactly, in wrapping int arithmetic too.
                    y[b * channels + c + lane] = Finish(blockSums[lane] - pixels * inputZeroPoint, pixels, outputZeroPoint, multiplier, shift);
                }
            }

            for (int c = blockedChannels; c < channels; c++)
            {
                y[b * channels + c] = Finish(ChannelSum(image, pixels, channels, c, inputZeroPoint), pixels, outputZeroPoint, multiplier, shift);
            }
        }
    }

    /// <summary>TFLite's loop nest.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, Span<sbyte> y, int batch, int height, int width, int channels,
                                   int inputZeroPoint, int outputZeroPoint, int multiplier, int shift)
    {
        int pixels = height * width;
        for (int b = 0; b < batch; b++)
        for (int c = 0; c < channels; c++)
        {
            y[b * channels + c] = Finish(ChannelSum(x.Slice(b * pixels * channels), pixels, channels, c, inputZeroPoint), pixels, outputZeroPoint, multiplier, shift);
        }
    }

    private static int ChannelSum(ReadOnlySpan<sbyte> image, int pixels, int channels, int c, int inputZeroPoint)
    {
        int sum = 0;
        for (int p = 0; p < pixels; p++)
        {
            sum += image[p * channels + c] - inputZeroPoint;
        }

        return sum;
    }

    /// <summary>Rescale, then TFLite's rounding division by the pixel count (C truncation, so half away from zero).</summary>
    private static sbyte Finish(int sum, int pixels, int outputZeroPoint, int multiplier, int shift)
    {
        int scaled = FixedPoint.MultiplyByQuantizedMultiplier(sum, multiplier, shift);
        int mean = scaled > 0 ? (scaled + pixels / 2) / pixels : (scaled - pixels / 2) / pixels;
        return Requantization.ClampToInt8(mean + outputZeroPoint, sbyte.MinValue, sbyte.MaxValue);
    }

    /// <summary>Sums of 16 adjacent channels over all pixels, in int32 lanes.</summary>
    private static void SumBlock(ReadOnlySpan<sbyte> image, int pixels, int channels, int c, Span<int> sums)
    {
        Vector128<int> sum0 = Vector128<int>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
        for (int p = 0; p < pixels; p++)
        {
            (Vector128<int> v0, Vector128<int> v1, Vector128<int> v2, Vector128<int> v3) = Int8Widening.ToInt32(Vector128.Create(image.Slice(p * channels + c, BlockChannels)));
            sum0 += v0;
            sum1 += v1;
            sum2 += v2;
            sum3 += v3;
        }

        sum0.CopyTo(sums);
        sum1.CopyTo(sums.Slice(4));
        sum2.CopyTo(sums.Slice(8));
        sum3.CopyTo(sums.Slice(12));
    }
}
