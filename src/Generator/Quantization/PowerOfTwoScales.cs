using System;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// Checks a graph lowered with <c>PowerOfTwoScales</c>: every activation, weight and bias scale must be a power of two,
/// so every requantization multiplier (a product and quotient of them) is one too.
/// </summary>
internal static class PowerOfTwoScales
{
    /// <returns>The build report's sentence on the scales.</returns>
    public static string Verify(ModelGraph lowered)
    {
        var scales = lowered.Values.Values.Where(v => v.Quantization is not null).SelectMany(v => v.Quantization!.Scales.Select(s => (v.Name, Scale: s))).ToList();
        foreach (var (name, scale) in scales.Where(s => !IsPowerOfTwo(s.Scale)))
        {
            throw new InvalidOperationException($"tensor '{name}' has scale {scale}, not a power of two");
        }

        var exponents = scales.Select(s => (int)Math.Round(Math.Log(s.Scale, 2))).ToList();
        var kernels = lowered.RequantizesByShifts
            ? " Conv, dense and add layers requantize with shifts alone (no multiply), bit for bit what the multiplier form gives."
            : " With ONNX Runtime rounding the layers requantize in float.";
        return $"Power-of-two scales: all {scales.Count} scales are powers of two (2^{exponents.DefaultIfEmpty(0).Min()} to 2^{exponents.DefaultIfEmpty(0).Max()}), so every requantization multiplier is a shift.{kernels}";
    }

    /// <summary>
    /// The shifts of multipliers that must all be 2^30 (a power-of-two real multiplier), for the shift-only
    /// requantization; <paramref name="layer"/> names the layer if one is not.
    /// </summary>
    public static int[] Shifts(int[] multipliers, int[] shifts, string layer)
    {
        if (multipliers.Any(m => m != Runtime.MultiplierQuantization.PowerOfTwoMultiplier))
        {
            throw new ModelException($"{layer}: a requantization multiplier is not a power of two, so it cannot requantize with shifts alone.");
        }

        return shifts;
    }

    private static bool IsPowerOfTwo(float scale)
    {
        if (!(scale > 0) || float.IsInfinity(scale)) return false;
        var bits = BitConverter.ToInt32(BitConverter.GetBytes(scale), 0);
        return (bits & 0x7FFFFF) == 0 && (bits >> 23) != 0;
    }
}
