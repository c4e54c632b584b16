using System;
using System.Linq;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// Chooses the real range [low, high] an int8 activation covers from its <see cref="TensorStatistics"/>, by the
/// attribute's method: MinMax keeps everything; Percentile cuts each tail at a percentile; Entropy (TensorRT's KL
/// calibration) and Mse pick a clipping threshold on |x| and clip both sides to it.
/// </summary>
internal static class RangeEstimator
{
    public const int MinMax = 0, Percentile = 1, Entropy = 2, Mse = 3;

    /// <summary>Levels of an int8 tensor, which Entropy's reference histogram is folded into.</summary>
    private const int Levels = 128;

    public static bool NeedsHistograms(int method) => method != MinMax;

    public static (float Low, float High) Estimate(TensorStatistics s, int method, double percentile)
    {
        if (method == MinMax || s.Values is null || s.Max <= s.Min) return (s.Min, s.Max);
        if (method == Percentile)
        {
            var width = (s.Max - s.Min) / TensorStatistics.Bins;
            var low = s.Min + width * QuantileBin(s.Values, (100 - percentile) / 100);
            var high = s.Min + width * (QuantileBin(s.Values, percentile / 100) + 1);
            return (Math.Max(s.Min, low), Math.Min(s.Max, high));
        }

        var threshold = method == Entropy ? EntropyThreshold(s.Magnitudes!, s.MaxMagnitude) : MseThreshold(s.Magnitudes!, s.MaxMagnitude);
        return (Math.Max(s.Min, -threshold), Math.Min(s.Max, threshold));
    }

    /// <summary>The first bin at which the cumulative count reaches <paramref name="fraction"/> of the total.</summary>
    private static int QuantileBin(long[] histogram, double fraction)
    {
        var target = histogram.Sum() * fraction;
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= target) return i;
        }

        return histogram.Length - 1;
    }

    /// <summary>
    /// TensorRT's entropy calibration: for each candidate threshold i (in bins), the reference distribution P is the
    /// histogram up to i with everything beyond folded into its last bin, Q is P merged into 128 levels and spread
    /// back over the bins that were non-zero; the threshold with the smallest KL(P || Q) wins.
    /// </summary>
    private static float EntropyThreshold(long[] histogram, float maxMagnitude)
    {
        var bestBin = histogram.Length;
        var bestDivergence = double.PositiveInfinity;
        for (var i = Levels; i <= histogram.Length; i++)
        {
            var p = new double[i];
            for (var b = 0; b < i; b++) p[b] = histogram[b];
            for (var b = i; b < histogram.Length; b++) p[i - 1] += histogram[b];
            var q = Quantized(histogram, p);
            var divergence = KullbackLeibler(p, q);
            if (divergence < bestDivergence)
            {
                bestDivergence = divergence;
                bestBin = i;
            }
        }

        return maxMagnitude * bestBin / histogram.Length;
    }

    /// <summary>
    /// The first p.Length bins of the histogram (outliers left out) merged into 128 levels, each level's mass spread
    /// evenly over the bins where P is non-zero.
    /// </summary>
    private static double[] Quantized(long[] histogram, double[] p)
    {
        var length = p.Length;
        var q = new double[length];
        for (var level = 0; level < Levels; level++)
        {
            var start = level * length / Levels;
            var end = (level + 1) * length / Levels;
            double mass = 0;
            var nonEmpty = 0;
            for (var b = start; b < end; b++)
            {
                mass += histogram[b];
                if (p[b] != 0) nonEmpty++;
            }

            for (var b = start; b < end; b++)
            {
                if (p[b] != 0) q[b] = mass / nonEmpty;
            }
        }

        return q;
    }

    private static double KullbackLeibler(double[] p, double[] q)
    {
        double pTotal = p.Sum(), qTotal = q.Sum(), divergence = 0;
        for (var b = 0; b < p.Length; b++)
        {
            if (p[b] == 0) continue;
            // A bin P has and Q lost (its level became empty) is charged as if Q kept a tiny mass there.
            var qb = q[b] == 0 ? 1e-9 * qTotal : q[b];
            divergence += p[b] / pTotal * Math.Log(p[b] / pTotal / (qb / qTotal));
        }

        return divergence;
    }

    /// <summary>The threshold on |x| minimising the expected squared error: clipping beyond it, rounding (step^2 / 12) within.</summary>
    private static float MseThreshold(long[] histogram, float maxMagnitude)
    {
        var binWidth = (double)maxMagnitude / histogram.Length;
        var bestBin = histogram.Length;
        var bestError = double.PositiveInfinity;
        for (var i = 1; i <= histogram.Length; i++)
        {
            var threshold = i * binWidth;
            var step = 2 * threshold / 255;
            double error = 0;
            for (var b = 0; b < histogram.Length; b++)
            {
                if (histogram[b] == 0) continue;
                var center = (b + 0.5) * binWidth;
                error += histogram[b] * (center > threshold ? (center - threshold) * (center - threshold) : step * step / 12);
            }

            if (error < bestError)
            {
                bestError = error;
                bestBin = i;
            }
        }

        return (float)(bestBin * binWidth);
    }
}
