using System;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Runtime;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// The constants TFLite's kernels compute in their Prepare step (tensorflow/lite/kernels/kernel_util.cc and the
/// TFLite Micro kernels), computed here at build time with the same float and double steps so the integers match.
/// </summary>
internal static class TfliteQuantization
{
    public const int Int8Min = sbyte.MinValue;
    public const int Int8Max = sbyte.MaxValue;

    /// <summary>A Q31 multiplier and shift per output channel (one pair for per-tensor).</summary>
    public sealed record Multipliers(int[] Values, int[] Shifts);

    /// <summary>
    /// Conv and depthwise conv (PopulateConvolutionQuantizationParams), and per-channel fully connected:
    /// input scale x filter scale / output scale in double, per channel. A per-tensor filter scale gives one pair.
    /// </summary>
    public static Multipliers PerChannel(float inputScale, float[] filterScales, float outputScale)
    {
        var values = new int[filterScales.Length];
        var shifts = new int[filterScales.Length];
        for (var c = 0; c < filterScales.Length; c++)
        {
            var effective = (double)inputScale * filterScales[c] / outputScale;
            MultiplierQuantization.QuantizeMultiplier(effective, out values[c], out shifts[c]);
        }

        return new Multipliers(values, shifts);
    }

    /// <summary>Per-tensor fully connected (GetQuantizedConvolutionMultipler): the scale product is taken in float first.</summary>
    public static Multipliers FullyConnectedPerTensor(float inputScale, float filterScale, float outputScale)
    {
        var effective = (double)(inputScale * filterScale) / outputScale;
        MultiplierQuantization.QuantizeMultiplier(effective, out var value, out var shift);
        return new Multipliers(new[] { value }, new[] { shift });
    }

    /// <summary>
    /// CalculateActivationRangeQuantized for an int8 output: the fused activation's bounds quantized with the
    /// output's scale (float division, rounded half away from zero), intersected with [-128, 127].
    /// </summary>
    public static (int Min, int Max) ActivationRange(string fusedActivation, float scale, int zeroPoint)
    {
        return fusedActivation switch
        {
            "NONE" => (Int8Min, Int8Max),
            "RELU" => (Math.Max(Int8Min, Quantize(0f, scale, zeroPoint)), Int8Max),
            "RELU6" => (Math.Max(Int8Min, Quantize(0f, scale, zeroPoint)), Math.Min(Int8Max, Quantize(6f, scale, zeroPoint))),
            "RELU_N1_TO_1" => (Math.Max(Int8Min, Quantize(-1f, scale, zeroPoint)), Math.Min(Int8Max, Quantize(1f, scale, zeroPoint))),
            _ => throw new ModelException($"fused activation {fusedActivation} is not supported on int8 outputs (TFLite supports NONE, RELU, RELU6 and RELU_N1_TO_1 there)", Diagnostics.DiagnosticIds.UnsupportedModel),
        };
    }

    private static int Quantize(float value, float scale, int zeroPoint)
    {
        var scaled = (float)Math.Round(value / scale, MidpointRounding.AwayFromZero);
        if (float.IsNaN(scaled) || scaled < int.MinValue || scaled > int.MaxValue)
        {
            throw new ModelException($"an activation bound of {value} does not fit the output scale {scale}", Diagnostics.DiagnosticIds.InvalidModel);
        }

        return zeroPoint + (int)scaled;
    }
}
