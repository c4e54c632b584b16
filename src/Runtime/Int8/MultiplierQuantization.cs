using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// Build-time conversion of a real scale to TFLite's (multiplier, shift) pair. Plain C# with no spans or runtime
/// dependencies so the source generator compiles the same file (as an internal type, so the two never clash).
/// </summary>
#if QUANTIZED_MODELS_GENERATOR
internal
#else
public
#endif
static class MultiplierQuantization
{
    /// <summary>The multiplier <see cref="QuantizeMultiplier"/> gives every power of two 2^k (with shift k + 1).</summary>
    public const int PowerOfTwoMultiplier = 1 << 30;

    /// <summary>
    /// TFLite's QuantizeMultiplier: real = multiplier * 2^(shift - 31) with multiplier a Q31 mantissa in
    /// [2^30, 2^31) (or its negative), rounded half away from zero. Zero, and scales so small that the shift would
    /// drop below -31, give (0, 0).
    /// </summary>
    public static void QuantizeMultiplier(double real, out int multiplier, out int shift)
    {
        if (double.IsNaN(real) || double.IsInfinity(real))
        {
            throw new ArgumentOutOfRangeException(nameof(real), real, "The scale must be finite.");
        }

        long bits = BitConverter.DoubleToInt64Bits(real);
        int biasedExponent = (int)((bits >> 52) & 0x7FF);
        // Zero and subnormals (below 2^-1022) are far under the 2^-32 flush threshold.
        if (biasedExponent == 0)
        {
            multiplier = 0;
            shift = 0;
            return;
        }

        // frexp: real = fraction * 2^exponent with |fraction| in [0.5, 1), read straight from the bits.
        int exponent = biasedExponent - 1022;
        double fraction = BitConverter.Int64BitsToDouble((bits & ~(0x7FFL << 52)) | (1022L << 52));
        long fixedPoint = (long)Math.Round(fraction * (1L << 31), MidpointRounding.AwayFromZero);
        // Rounding can carry into 2^31; like TFLite only the positive side is renormalised (-2^31 fits an int).
        if (fixedPoint == 1L << 31)
        {
            fixedPoint /= 2;
            exponent++;
        }

        if (exponent < -31)
        {
            multiplier = 0;
            shift = 0;
            return;
        }

        multiplier = (int)fixedPoint;
        shift = exponent;
    }
}
