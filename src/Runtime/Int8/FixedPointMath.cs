using System.Numerics;

namespace QuantizedModels.Runtime;

/// <summary>
/// gemmlowp's fixed-point transcendental functions (fixedpoint.h) and TFLite's GetReciprocal, on raw int32 values.
/// A Qm value (m integer bits) is raw / 2^(31 - m). Additions wrap like gemmlowp's int32 Add; products are
/// <see cref="FixedPoint.SaturatingRoundingDoublingHighMul"/>.
/// </summary>
internal static class FixedPointMath
{
    /// <summary>Raw one in Q0: int.MaxValue, since 1 itself is not representable.</summary>
    private const int OneQ0 = int.MaxValue;

    /// <summary>Raw one in Q2.</summary>
    private const int OneQ2 = 1 << 29;

    /// <summary>
    /// exp(a) for a Q<paramref name="integerBits"/> value a &lt;= 0, as Q0: exp on [-1/4, 0) by a Taylor polynomial,
    /// then one constant multiply per set bit of the remaining multiple of 1/4 (gemmlowp's barrel shifter).
    /// </summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        int fractionalBits = 31 - integerBits;
        int quarter = 1 << (fractionalBits - 2);
        int aModQuarterMinusQuarter = (a & (quarter - 1)) - quarter;
        int result = ExpOnIntervalBetweenNegativeOneQuarterAndZero(SaturatingShiftLeft(aModQuarterMinusQuarter, integerBits));
        int remainder = aModQuarterMinusQuarter - a;

        // exp(-2^k) in Q0 for k = -2..4; only the bits below the format's integer range exist.
        result = ApplyIfBitSet(result, remainder, fractionalBits - 2, integerBits > -2, 1672461947);
        result = ApplyIfBitSet(result, remainder, fractionalBits - 1, integerBits > -1, 1302514674);
        result = ApplyIfBitSet(result, remainder, fractionalBits, integerBits > 0, 790015084);
        result = ApplyIfBitSet(result, remainder, fractionalBits + 1, integerBits > 1, 290630308);
        result = ApplyIfBitSet(result, remainder, fractionalBits + 2, integerBits > 2, 39332535);
        result = ApplyIfBitSet(result, remainder, fractionalBits + 3, integerBits > 3, 720401);
        result = ApplyIfBitSet(result, remainder, fractionalBits + 4, integerBits > 4, 242);

        // gemmlowp also zeroes inputs below -32 when integerBits > 5; the kernels here use at most 5.
        return a == 0 ? OneQ0 : result;
    }

    /// <summary>1 / (1 + a) for a Q0 value a in [0, 1), as Q0.</summary>
    public static int OneOverOnePlusX(int a) => SaturatingShiftLeft(HalfDenominatorReciprocal(a), 1);

    /// <summary>(1 - a) / (1 + a) for a Q0 value a in [0, 1), as Q0.</summary>
    public static int OneMinusXOverOnePlusX(int a) => SaturatingShiftLeft(HalfDenominatorReciprocal(a) - OneQ2, 2);

    /// <summary>gemmlowp's logistic of a Q<paramref name="integerBits"/> value, as Q0.</summary>
    public static int Logistic(int a, int integerBits)
    {
        if (a == 0)
        {
            return 1 << 30;
        }

        // The wrapping negation mirrors gemmlowp's Neg; the kernels never pass int.MinValue.
        int absolute = a > 0 ? a : -a;
        int positive = OneOverOnePlusX(ExpOnNegativeValues(-absolute, integerBits));
        return a > 0 ? positive : OneQ0 - positive;
    }

    /// <summary>gemmlowp's tanh of a Q<paramref name="integerBits"/> value, as Q0.</summary>
    public static int Tanh(int a, int integerBits)
    {
        if (a == 0)
        {
            return 0;
        }

        int negative = a < 0 ? a : -a;
        // exp(2n): the same raw value read with one more integer bit is 2n (gemmlowp's ExactMulByPot<1>).
        int t = OneMinusXOverOnePlusX(ExpOnNegativeValues(negative, integerBits + 1));
        return a < 0 ? -t : t;
    }

    /// <summary>
    /// TFLite's GetReciprocal: for x &gt; 0 in Q<paramref name="integerBits"/>, returns 1 / x' as Q0 where
    /// x' = x / 2^bitsOverUnit lies in [1, 2).
    /// </summary>
    public static int Reciprocal(int x, int integerBits, out int bitsOverUnit)
    {
        int headroomPlusOne = BitOperations.LeadingZeroCount((uint)x);
        bitsOverUnit = integerBits - headroomPlusOne;
        // Shifting the leading one up to bit 31 and dropping it leaves x' - 1 as Q0.
        int shiftedMinusOne = (int)(((uint)x << headroomPlusOne) - (1u << 31));
        return OneOverOnePlusX(shiftedMinusOne);
    }

    /// <summary>x * 2^exponent, saturating to the int32 range (gemmlowp's SaturatingRoundingMultiplyByPOT, positive exponent).</summary>
    public static int SaturatingShiftLeft(int x, int exponent)
    {
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold)
        {
            return int.MaxValue;
        }

        return x < -threshold ? int.MinValue : x << exponent;
    }

    /// <summary>Returns exp(a) for a Q0 value a in [-1/4, 0): Taylor expansion around -1/8.</summary>
    private static int ExpOnIntervalBetweenNegativeOneQuarterAndZero(int a)
    {
        const int expMinusOneEighth = 1895147668;
        const int oneThird = 715827883;
        int x = a + (1 << 28);
        int x2 = FixedPoint.SaturatingRoundingDoublingHighMul(x, x);
        int x3 = FixedPoint.SaturatingRoundingDoublingHighMul(x2, x);
        int x4 = FixedPoint.SaturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = FixedPoint.RoundingDivideByPOT(x4, 2);
        int polynomial = FixedPoint.RoundingDivideByPOT(FixedPoint.SaturatingRoundingDoublingHighMul(x4Over4 + x3, oneThird) + x2, 1);
        return expMinusOneEighth + FixedPoint.SaturatingRoundingDoublingHighMul(expMinusOneEighth, x + polynomial);
    }

    /// <summary>Multiplies by the Q0 constant when bit <paramref name="bit"/> of remainder is set and the format has that bit.</summary>
    private static int ApplyIfBitSet(int result, int remainder, int bit, bool inRange, int multiplier) =>
        inRange && (remainder & (1 << bit)) != 0 ? FixedPoint.SaturatingRoundingDoublingHighMul(result, multiplier) : result;

    /// <summary>
    /// Newton-Raphson reciprocal of d = (1 + a) / 2 (gemmlowp's RoundingHalfSum with one), three steps from
    /// 48/17 - 32/17 d, as Q2.
    /// </summary>
    private static int HalfDenominatorReciprocal(int a)
    {
        long sum = (long)a + OneQ0;
        int halfDenominator = (int)((sum + (sum >= 0 ? 1 : -1)) / 2);
        const int fortyEightSeventeenths = 1515870810, minusThirtyTwoSeventeenths = -1010580540;
        int x = fortyEightSeventeenths + FixedPoint.SaturatingRoundingDoublingHighMul(halfDenominator, minusThirtyTwoSeventeenths);
        for (int i = 0; i < 3; i++)
        {
            int oneMinusHalfDenominatorTimesX = OneQ2 - FixedPoint.SaturatingRoundingDoublingHighMul(halfDenominator, x);
            x += SaturatingShiftLeft(FixedPoint.SaturatingRoundingDoublingHighMul(x, oneMinusHalfDenominatorTimesX), 2);
        }

        return x;
    }
}
