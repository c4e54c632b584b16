using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// <see cref="FixedPoint"/> on four int32 lanes with one scalar multiplier and shift, equal lane for lane to the
/// scalar functions.
/// </summary>
internal static class FixedPointVector
{
    public static Vector128<int> SaturatingRoundingDoublingHighMul(Vector128<int> a, int b)
    {
        // gemmlowp's nudge-and-truncate equals floor((a*b + 2^30) / 2^31); its low 32 bits are bits 31..62 of the
        // sum, so a logical 64-bit shift and a truncating narrow give it without a 64-bit arithmetic shift.
        Vector128<long> multiplier = Vector128.Create((long)b), half = Vector128.Create(1L << 30);
        (Vector128<long> low, Vector128<long> high) = Vector128.Widen(a);
        Vector128<int> result = Vector128.Narrow(Vector128.ShiftRightLogical(low * multiplier + half, 31),
                                                 Vector128.ShiftRightLogical(high * multiplier + half, 31));
        if (b != int.MinValue)
        {
            return result;
        }

        return Vector128.ConditionalSelect(Vector128.Equals(a, Vector128.Create(int.MinValue)), Vector128.Create(int.MaxValue), result);
    }

    public static Vector128<int> RoundingDivideByPOT(Vector128<int> x, int exponent)
    {
        int mask = (1 << exponent) - 1;
        Vector128<int> remainder = x & Vector128.Create(mask);
        // x >> 31 is -1 on negative lanes, so subtracting it adds the scalar form's "+1 when negative".
        Vector128<int> threshold = Vector128.Create(mask >> 1) - Vector128.ShiftRightArithmetic(x, 31);
        // A true comparison lane is all ones (-1), so subtracting it adds one.
        return Vector128.ShiftRightArithmetic(x, exponent) - Vector128.GreaterThan(remainder, threshold);
    }

    public static Vector128<int> MultiplyByQuantizedMultiplier(Vector128<int> x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(Vector128.ShiftLeft(x, leftShift), multiplier), rightShift);
    }

    public static Vector128<int> MultiplyByPowerOfTwo(Vector128<int> x, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        Vector128<int> shifted = Vector128.ShiftLeft(x, leftShift);
        return RoundingDivideByPOT(Vector128.ShiftRightArithmetic(shifted, 1) + (shifted & Vector128<int>.One), rightShift);
    }
}
