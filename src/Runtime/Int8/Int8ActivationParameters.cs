using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// Build-time parameters of <see cref="Int8Logistic"/> and <see cref="Int8Tanh"/>: TFLite Micro's int8 Prepare for
/// LOGISTIC and TANH, which is the same for both. Plain C# so the source generator compiles the same file (as an
/// internal type, so the two never clash).
/// </summary>
#if QUANTIZED_MODELS_GENERATOR
internal
#else
public
#endif
static class Int8ActivationParameters
{
    /// <summary>Q4.27, the fixed-point input format (TFLite's kInputIntegerBits).</summary>
    internal const int InputIntegerBits = 4;

    /// <summary>
    /// inputMultiplier * 2^(inputLeftShift - 31) = inputScale * 2^27 (frexp's mantissa rounded half away from zero, not
    /// renormalised), which maps an input offset to Q4.27; inputRangeRadius = floor(15 * 2^27 / 2^inputLeftShift),
    /// the offset from which the output saturates. Pass the model's float32 scale widened to double.
    /// </summary>
    public static void Compute(double inputScale, out int inputMultiplier, out int inputLeftShift, out int inputRangeRadius)
    {
        double real = inputScale * (1 << (31 - InputIntegerBits));
        MultiplierQuantization.QuantizeMultiplier(real, out inputMultiplier, out inputLeftShift);
        // TFLite shifts by inputLeftShift in CalculateInputRadius, undefined when negative (scales below 2^-28).
        if (!(real > 0) || inputLeftShift < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "The scale must be at least 2^-28.");
        }

        // TFLite casts frexp's mantissa times 2^31 without renormalising; when it rounds up to 2^31 (a scale within
        // 2^-32 below a power of two) the cast overflows and the result depends on the platform.
        if (inputMultiplier == 1 << 30 && real != Math.Pow(2, inputLeftShift - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "TFLite's multiplier overflows for this scale.");
        }

        inputRangeRadius = (int)Math.Floor((double)((1 << InputIntegerBits) - 1) * (1L << (31 - InputIntegerBits)) / (1L << inputLeftShift));
    }
}
