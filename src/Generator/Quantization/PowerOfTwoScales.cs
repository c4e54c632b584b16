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
        return $"Power-of-two scales: all {scales.Count} scales are powers of two (2^{exponents.DefaultIfEmpty(0).Min()} to 2^{exponents.DefaultIfEmpty(0).Max()}), so every requantization multiplier is a shift.";
    }

    private static bool IsPowerOfTwo(float scale)
    {
        if (!(scale > 0) || float.IsInfinity(scale)) return false;
        var bits = BitConverter.ToInt32(BitConverter.GetBytes(scale), 0);
        return (bits & 0x7FFFFF) == 0 && (bits >> 23) != 0;
    }
}
