namespace QuantizedModels.Runtime;

/// <summary>
/// gemmlowp / TensorFlow Lite fixed-point primitives, bit-exact with the reference kernels (TFLite's default
/// double-rounding build, which TFLite Micro and CMSIS-NN also use). All arithmetic wraps like the C code on
/// two's-complement hardware.
/// </summary>
public static class FixedPoint
{
    /// <summary>
    /// round(a * b / 2^31) with ties rounded towards +infinity (gemmlowp's nudge then truncating division, which
    /// matches Arm's SQRDMULH); the one overflowing case, int.MinValue squared, saturates to int.MaxValue.
    /// </summary>
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue)
        {
            return int.MaxValue;
        }

        long product = (long)a * b;
        long nudge = product >= 0 ? 1L << 30 : 1 - (1L << 30);
        // C# long division truncates toward zero exactly like C's, which the nudge relies on.
        return (int)((product + nudge) / (1L << 31));
    }

    /// <summary>x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31].</summary>
    public static int RoundingDivideByPOT(int x, int exponent)
    {
        int mask = (1 << exponent) - 1;
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>
    /// x * multiplier * 2^(shift - 31) as TFLite computes it: a positive shift is applied as a wrapping left shift
    /// before the high multiply, a negative one as a rounding right shift after it. shift in [-31, 30].
    /// </summary>
    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
    }

    /// <summary>
    /// <see cref="MultiplyByQuantizedMultiplier"/>(x, 2^30, shift), the form a power-of-two real multiplier 2^(shift - 1)
    /// takes, with shifts, masks and adds only (for targets without a fast multiplier): the high multiply by 2^30 is a
    /// halving rounded towards +infinity, which (w &gt;&gt; 1) + (w &amp; 1) gives without overflow, then the same rounding
    /// right shift. Equal to the multiplier form for every x; shift in [-31, 30].
    /// </summary>
    public static int MultiplyByPowerOfTwo(int x, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        int shifted = x << leftShift;
        return RoundingDivideByPOT((shifted >> 1) + (shifted & 1), rightShift);
    }
}
