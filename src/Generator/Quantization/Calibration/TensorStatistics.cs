using System;

namespace QuantizedModels.Generator.Quantization.Calibration;

/// <summary>
/// What calibration learns about one tensor: its smallest and largest value and, once those are known, a histogram
/// of its values over [min, max] and of their magnitudes over [0, max |x|], for the methods that clip.
/// </summary>
internal sealed class TensorStatistics
{
    public const int Bins = 2048;

    public float Min { get; private set; } = float.PositiveInfinity;

    public float Max { get; private set; } = float.NegativeInfinity;

    public long[]? Values { get; private set; }

    public long[]? Magnitudes { get; private set; }

    public float MaxMagnitude => Math.Max(Math.Abs(Min), Math.Abs(Max));

    /// <summary>First pass: the range. NaN is ignored; an infinity is a model problem the caller reports.</summary>
    public void AddRange(float[] values)
    {
        foreach (var v in values)
        {
            if (v < Min) Min = v;
            if (v > Max) Max = v;
        }
    }

    /// <summary>An empty accumulator for one thread of a pass: this range (for the histogram pass to bin over), no counts.</summary>
    public TensorStatistics Fork() => new() { Min = Min, Max = Max };

    /// <summary>Adds what one thread saw: the widest range and the sum of the counts, the same in any merge order.</summary>
    public void Merge(TensorStatistics other)
    {
        if (other.Min < Min) Min = other.Min;
        if (other.Max > Max) Max = other.Max;
        if (other.Values is null) return;
        Values ??= new long[Bins];
        Magnitudes ??= new long[Bins];
        for (var i = 0; i < Bins; i++)
        {
            Values[i] += other.Values[i];
            Magnitudes[i] += other.Magnitudes![i];
        }
    }

    /// <summary>Second pass: both histograms, over the range of the first.</summary>
    public void AddHistogram(float[] values)
    {
        Values ??= new long[Bins];
        Magnitudes ??= new long[Bins];
        var width = Max - Min;
        var magnitude = MaxMagnitude;
        foreach (var v in values)
        {
            if (float.IsNaN(v)) continue;
            Values[Bin(v - Min, width)]++;
            Magnitudes[Bin(Math.Abs(v), magnitude)]++;
        }
    }

    private static int Bin(float offset, float width) => width > 0 ? Math.Min(Bins - 1, (int)(offset / width * Bins)) : 0;
}
