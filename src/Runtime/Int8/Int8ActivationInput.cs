namespace QuantizedModels.Runtime;

/// <summary>
/// The input side TFLite's int8 LOGISTIC and TANH share: offsets at or beyond the range radius saturate, the rest
/// are rescaled to Q4.27 for gemmlowp's fixed-point function.
/// </summary>
internal readonly struct Int8ActivationInput(int zeroPoint, int rangeRadius, int multiplier, int leftShift)
{
    /// <summary>-1 or +1 when <paramref name="x"/> saturates the output low or high, 0 when it must be computed.</summary>
    public int Saturation(int x) => x - zeroPoint <= -rangeRadius ? -1 : x - zeroPoint >= rangeRadius ? 1 : 0;

    public int ToQ4(int x) => FixedPoint.MultiplyByQuantizedMultiplier(x - zeroPoint, multiplier, leftShift);
}
