using System;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization;

/// <summary>Asymmetric int8 parameters for an activation range, and symmetric per-channel int8 weights.</summary>
internal static class ActivationQuantization
{
    /// <summary>
    /// The scale and zero point that map [low, high], widened to include 0 (so zero padding and ReLU's floor are
    /// exact), onto -128..127.
    /// </summary>
    public static QuantizationInfo ForRange(float low, float high)
    {
        var lo = Math.Min(low, 0f);
        var hi = Math.Max(high, 0f);
        if (!(hi > lo)) return new QuantizationInfo(new[] { 1f }, new long[] { -128 }, 0);
        var scale = (hi - lo) / 255f;
        var zeroPoint = Math.Max(-128, Math.Min(127, Math.Round(-128 - lo / scale, MidpointRounding.AwayFromZero)));
        return new QuantizationInfo(new[] { scale }, new[] { (long)zeroPoint }, 0);
    }

    /// <summary>
    /// Weights [out][depth] quantized symmetric, values in -maxLevel..maxLevel (127 for int8, 7 for int4): per output
    /// channel (scale = max |w| of the channel / maxLevel) or, with <paramref name="perTensor"/>, one scale for all
    /// (returned once per channel, equal).
    /// </summary>
    public static (sbyte[] Values, float[] Scales) Weights(float[] weights, int outChannels, int depth, bool perTensor, int maxLevel = 127)
    {
        var values = new sbyte[weights.Length];
        var scales = new float[outChannels];
        var tensorMax = perTensor ? weights.Select(Math.Abs).DefaultIfEmpty(0f).Max() : 0f;
        for (var o = 0; o < outChannels; o++)
        {
            var max = tensorMax;
            for (var i = 0; i < depth && !perTensor; i++) max = Math.Max(max, Math.Abs(weights[o * depth + i]));
            // An all-zero channel quantizes to zeros whatever its scale; 1 keeps the bias scale finite.
            scales[o] = max > 0 ? max / maxLevel : 1f;
            for (var i = 0; i < depth; i++)
            {
                values[o * depth + i] = (sbyte)Math.Max(-maxLevel, Math.Min(maxLevel, Math.Round(weights[o * depth + i] / scales[o], MidpointRounding.AwayFromZero)));
            }
        }

        return (values, scales);
    }

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
