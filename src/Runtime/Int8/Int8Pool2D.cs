using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 MAX_POOL_2D and AVERAGE_POOL_2D on NHWC tensors. Input and output share scale and zero point, so
/// there is no requantization; the result is clamped to the fused activation range [activationMin, activationMax].
/// Padding never counts: the average divides by the number of in-range taps.
/// </summary>
public static class Int8Pool2D
{
    private const int BlockChannels = 16;

    /// <summary>Window maximum.</summary>
    public static void Max(ReadOnlySpan<sbyte> x, Span<sbyte> y, in Int8PoolShape shape, int activationMin, int activationMax)
    {
        int blockedChannels = Vector128.IsHardwareAccelerated ? shape.Channels - shape.Channels % BlockChannels : 0;
        var min = Vector128.Create((sbyte)activationMin);
        var max = Vector128.Create((sbyte)activationMax);
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            Window window = Window.Of(shape, oy, ox);
            int outputBase = ((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.Channels;
            for (int c = 0; c < blockedChannels; c += BlockChannels)
            {
                Vector128<sbyte> best = Vector128.Create(sbyte.MinValue);
                for (int iy = window.StartY; iy < window.EndY; iy++)
                for (int ix = window.StartX; ix < window.EndX; ix++)
                {
                    best = Vector128.Max(best, Vector128.Create(x.Slice(((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.Channels + c, BlockChannels)));
                }

                Vector128.Min(Vector128.Max(best, min), max).CopyTo(y.Slice(outputBase + c, BlockChannels));
            }

            for (int c = blockedChannels; c < shape.Channels; c++)
            {
                y[outputBase + c] = Requantization.ClampToInt8(WindowMax(x, shape, window, b, c), activationMin, activationMax);
            }
        }
    }

    /// <summary>Window mean rounded half away from zero.</summary>
    public static void Average(ReadOnlySpan<sbyte> x, Span<sbyte> y, in Int8PoolShape shape, int activationMin, int activationMax)
    {
        int blockedChannels = Vector128.IsHardwareAccelerated ? shape.Channels - shape.Channels % BlockChannels : 0;
        Span<int> blockSums = stackalloc int[BlockChannels];
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            Window window = Window.Of(shape, oy, ox);
            int outputBase = ((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.Channels;
            for (int c = 0; c < blockedChannels; c += BlockChannels)
            {
                SumBlock(x, shape, window, b, c, blockSums);
                for (int lane = 0; lane < BlockChannels; lane++)
                {
                    y[outputBase + c + lane] = Requantization.ClampToInt8(RoundedMean(blockSums[lane], window.Count), activationMin, activationMax);
                }
            }

            for (int c = blockedChannels; c < shape.Channels; c++)
            {
                y[outputBase + c] = Requantization.ClampToInt8(RoundedMean(WindowSum(x, shape, window, b, c), window.Count), activationMin, activationMax);
            }
        }
    }

    /// <summary>TFLite's reference max pool.</summary>
    internal static void MaxReference(ReadOnlySpan<sbyte> x, Span<sbyte> y, in Int8PoolShape shape, int activationMin, int activationMax)
    {
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        for (int c = 0; c < shape.Channels; c++)
        {
            int best = WindowMax(x, shape, Window.Of(shape, oy, ox), b, c);
            y[((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.Channels + c] = Requantization.ClampToInt8(best, activationMin, activationMax);
        }
    }

    /// <summary>TFLite's reference average pool.</summary>
    internal static void AverageReference(ReadOnlySpan<sbyte> x, Span<sbyte> y, in Int8PoolShape shape, int activationMin, int activationMax)
    {
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        for (int c = 0; c < shape.Channels; c++)
        {
            Window window = Window.Of(shape, oy, ox);
            int mean = RoundedMean(WindowSum(x, shape, window, b, c), window.Count);
            y[((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.Channels + c] = Requantization.ClampToInt8(mean, activationMin, activationMax);
        }
    }

    /// <summary>TFLite's rounding division; a window with no input tap (TFLite rejects those) averages to 0.</summary>
    private static int RoundedMean(int sum, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    }

    private static int WindowMax(ReadOnlySpan<sbyte> x, in Int8PoolShape shape, Window window, int b, int c)
    {
        int best = sbyte.MinValue;
        for (int iy = window.StartY; iy < window.EndY; iy++)
        for (int ix = window.StartX; ix < window.EndX; ix++)
        {
            best = Math.Max(best, x[((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.Channels + c]);
        }

        return best;
    }

    private static int WindowSum(ReadOnlySpan<sbyte> x, in Int8PoolShape shape, Window window, int b, int c)
    {
        int sum = 0;
        for (int iy = window.StartY; iy < window.EndY; iy++)
        for (int ix = window.StartX; ix < window.EndX; ix++)
        {
            sum += x[((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.Channels + c];
        }

        return sum;
    }

    /// <summary>Window sums of 16 adjacent channels in int32 lanes.</summary>
    private static void SumBlock(ReadOnlySpan<sbyte> x, in Int8PoolShape shape, Window window, int b, int c, Span<int> sums)
    {
        Vector128<int> sum0 = Vector128<int>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
        for (int iy = window.StartY; iy < window.EndY; iy++)
        for (int ix = window.StartX; ix < window.EndX; ix++)
        {
            var v = Vector128.Create(x.Slice(((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.Channels + c, BlockChannels));
            (Vector128<int> v0, Vector128<int> v1, Vector128<int> v2, Vector128<int> v3) = Int8Widening.ToInt32(v);
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

    /// <summary>In-range input rows [StartY, EndY) and columns [StartX, EndX) of one output position.</summary>
    private readonly struct Window
    {
        private Window(int startY, int endY, int startX, int endX)
        {
            StartY = startY;
            EndY = endY;
            StartX = startX;
            EndX = endX;
        }

        public int StartY { get; }
        public int EndY { get; }
        public int StartX { get; }
        public int EndX { get; }
        public int Count => Math.Max(EndY - StartY, 0) * Math.Max(EndX - StartX, 0);

        public static Window Of(in Int8PoolShape shape, int oy, int ox)
        {
            int originY = oy * shape.StrideHeight - shape.PadTop, originX = ox * shape.StrideWidth - shape.PadLeft;
            return new Window(Math.Max(originY, 0), Math.Min(originY + shape.FilterHeight, shape.InHeight),
                              Math.Max(originX, 0), Math.Min(originX + shape.FilterWidth, shape.InWidth));
        }
    }
}
