using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 LOGISTIC (reference_integer_ops::Logistic, as TFLite Micro runs it): gemmlowp's fixed-point logistic
/// of the input rescaled to Q4.27, output at TFLite's fixed scale 1/256 with zero point -128. Parameters come from
/// <see cref="Int8ActivationParameters.Compute"/>.
/// </summary>
public static class Int8Logistic
{
    /// <summary>y[i] = logistic(x[i]); inputs at or beyond ±inputRangeRadius from the zero point saturate.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift) =>
        Int8Elementwise.Run(x, y, new Function(inputZeroPoint, inputRangeRadius, inputMultiplier, inputLeftShift));

    /// <summary>TFLite's loop, element by element.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, Span<sbyte> y, int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift) =>
        Int8Elementwise.Reference(x, y, new Function(inputZeroPoint, inputRangeRadius, inputMultiplier, inputLeftShift));

    private readonly struct Function(int zeroPoint, int rangeRadius, int multiplier, int leftShift) : IInt8Function
    {
        private readonly Int8ActivationInput _input = new(zeroPoint, rangeRadius, multiplier, leftShift);

        public sbyte Apply(int x)
        {
            var saturation = _input.Saturation(x);
            if (saturation != 0)
            {
                return saturation < 0 ? sbyte.MinValue : sbyte.MaxValue;
            }

            int outputQ0 = FixedPointMath.Logistic(_input.ToQ4(x), Int8ActivationParameters.InputIntegerBits);
            // Q0 to units of 1/256, then the -128 zero point.
            return Requantization.ClampToInt8(FixedPoint.RoundingDivideByPOT(outputQ0, 31 - 8) + sbyte.MinValue, sbyte.MinValue, sbyte.MaxValue);
        }
    }
}
