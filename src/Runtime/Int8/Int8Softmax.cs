using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 SOFTMAX over the last axis (reference_ops::Softmax, which TFLite Micro runs): integer exp of the
/// beta-scaled difference to the row maximum, a fixed-point reciprocal of their sum, output at TFLite's fixed scale
/// 1/256 with zero point -128. Parameters come from <see cref="Int8SoftmaxParameters.Compute"/>.
/// </summary>
public static class Int8Softmax
{
    /// <summary>Q12.19, the sum-of-exps format (kAccumulationIntegerBits).</summary>
    private const int AccumulationIntegerBits = 12;

    /// <summary>Number of distinct differences x - max of int8 values: 0 down to -255.</summary>
    private const int DifferenceCount = 256;

    /// <summary>Softmax of each of <paramref name="rows"/> rows of <paramref name="depth"/> values.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, int rows, int depth, int inputMultiplier, int inputLeftShift, int diffMin)
    {
        // exp depends only on the difference to the row maximum, so each is computed once per call instead of
        // twice per element; -1 (exps are non-negative) marks a difference not seen yet.
        Span<int> exps = stackalloc int[DifferenceCount];
        exps.Fill(-1);
        Rows(x, y, rows, depth, inputMultiplier, inputLeftShift, diffMin, exps);
    }

    /// <summary>TFLite's reference softmax, computing every exp twice as it does.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, Span<sbyte> y, int rows, int depth, int inputMultiplier, int inputLeftShift, int diffMin) =>
        Rows(x, y, rows, depth, inputMultiplier, inputLeftShift, diffMin, Span<int>.Empty);

    /// <summary>The reference loop nest; a non-empty <paramref name="exps"/> memoises exp by difference.</summary>
    private static void Rows(ReadOnlySpan<sbyte> x, Span<sbyte> y, int rows, int depth, int inputMultiplier, int inputLeftShift, int diffMin, Span<int> exps)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<sbyte> row = x.Slice(r * depth, depth);
            int max = sbyte.MinValue;
            foreach (sbyte v in row)
            {
                max = Math.Max(max, v);
            }

            int sum = 0;
            foreach (sbyte v in row)
            {
                int diff = v - max;
                if (diff >= diffMin)
                {
                    // gemmlowp's Rescale from Q0 to Q12.
                    sum += FixedPoint.RoundingDivideByPOT(Exp(diff, inputMultiplier, inputLeftShift, exps), AccumulationIntegerBits);
                }
            }

            int scale = FixedPointMath.Reciprocal(sum, AccumulationIntegerBits, out int bitsOverUnit);
            Span<sbyte> output = y.Slice(r * depth, depth);
            for (int c = 0; c < depth; c++)
            {
                int diff = row[c] - max;
                output[c] = diff >= diffMin ? Output(Exp(diff, inputMultiplier, inputLeftShift, exps), scale, bitsOverUnit) : sbyte.MinValue;
            }
        }
    }

    /// <summary>exp(beta * scale * diff) as Q0 for diff &lt;= 0, from the memo when there is one.</summary>
    private static int Exp(int diff, int inputMultiplier, int inputLeftShift, Span<int> exps)
    {
        if (!exps.IsEmpty && exps[-diff] >= 0)
        {
            return exps[-diff];
        }

        // TFLite's MultiplyByQuantizedMultiplierGreaterThanOne is this function with a non-negative shift.
        int exp = FixedPointMath.ExpOnNegativeValues(FixedPoint.MultiplyByQuantizedMultiplier(diff, inputMultiplier, inputLeftShift), Int8SoftmaxParameters.ScaledDiffIntegerBits);
        if (!exps.IsEmpty)
        {
            exps[-diff] = exp;
        }

        return exp;
    }

    /// <summary>exp / sum rounded to 1/256, shifted by the -128 zero point and saturated.</summary>
    private static sbyte Output(int exp, int scale, int bitsOverUnit)
    {
        int exponent = bitsOverUnit + 31 - 8;
        int product = FixedPoint.SaturatingRoundingDoublingHighMul(scale, exp);
        // A sum of 2^28 or more (over 500 entries near the maximum) gives an exponent past 31, where TFLite 2.9 shifts
        // out of range and later versions abort; the exact quotient of the non-negative product is then below 1/2.
        int unsaturated = exponent > 31 ? 0 : FixedPoint.RoundingDivideByPOT(product, exponent);
        return (sbyte)Math.Clamp(unsaturated + sbyte.MinValue, sbyte.MinValue, sbyte.MaxValue);
    }
}
