using System;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization;

/// <summary>Asymmetric int8 parameters for an activation range, and symmetric per-channel int8 weights.</summary>
internal static class ActivationQuantization
{
    /// <summary>
    /// The scale and zero point that map [low, high], widened to include 0 (so zero padding and ReLU's floor are
    /// exact), onto -128..127; with <paramref name="powerOfTwo"/> the scale is rounded up to a power of two (the range
    /// still fits, with coarser steps).
    /// </summary>
    public static QuantizationInfo ForRange(float low, float high, bool powerOfTwo = false)
    {
        var lo = Math.Min(low, 0f);
        var hi = Math.Max(high, 0f);
        if (!(hi > lo)) return new QuantizationInfo(new[] { 1f }, new long[] { -128 }, 0);
        var scale = powerOfTwo ? PowerOfTwoAtLeast((hi - lo) / 255f) : (hi - lo) / 255f;
        var zeroPoint = Math.Max(-128, Math.Min(127, Math.Round(-128 - lo / scale, MidpointRounding.AwayFromZero)));
        return new QuantizationInfo(new[] { scale }, new[] { (long)zeroPoint }, 0);
    }

    /// <summary>
    /// Weights [out][depth] quantized symmetric on <paramref name="grid"/>: values in -MaxLevel..MaxLevel, per output
    /// channel (scale = max |w| of the channel / MaxLevel) or per tensor (one scale, returned once per channel).
    /// </summary>
    public static (sbyte[] Values, float[] Scales) Weights(float[] weights, int outChannels, int depth, WeightGrid grid)
    {
        var values = new sbyte[weights.Length];
        var scales = new float[outChannels];
        var perTensor = grid.PerTensor;
        var maxLevel = grid.MaxLevel;
        var tensorMax = perTensor ? weights.Select(Math.Abs).DefaultIfEmpty(0f).Max() : 0f;
        for (var o = 0; o < outChannels; o++)
        {
            var max = tensorMax;
            for (var i = 0; i < depth && !perTensor; i++) max = Math.Max(max, Math.Abs(weights[o * depth + i]));
            // An all-zero channel quantizes to zeros whatever its scale; 1 keeps the bias scale finite.
            scales[o] = max > 0 ? (grid.PowerOfTwoScales ? PowerOfTwoAtLeast(max / maxLevel) : max / maxLevel) : 1f;
            for (var i = 0; i < depth; i++)
            {
                values[o * depth + i] = (sbyte)Math.Max(-maxLevel, Math.Min(maxLevel, Math.Round(weights[o * depth + i] / scales[o], MidpointRounding.AwayFromZero)));
            }
        }

        return (values, scales);
    }

    /// <summary>The smallest power of two at least <paramref name="scale"/> (positive): rounding up never clips.</summary>
    private static float PowerOfTwoAtLeast(float scale) => (float)Math.Pow(2, Math.Ceiling(Math.Log(scale, 2)));

    /// <summary>Bias in int32 at scale input scale x weight scale of its channel, as TFLite's converter stores it.</summary>
    public static int[] Bias(float[] bias, float inputScale, float[] weightScales)
    {
        var values = new int[bias.Length];
        for (var o = 0; o < bias.Length; o++)
        {
            var q = Math.Round(bias[o] / ((double)inputScale * weightScales[o]), MidpointRounding.AwayFromZero);
            values[o] = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, q));
        }

        return values;
    }
}
