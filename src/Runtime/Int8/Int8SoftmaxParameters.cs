using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// Build-time parameters of <see cref="Int8Softmax"/>: TFLite's softmax Prepare for int8 (PreprocessSoftmaxScaling
/// and CalculateInputRadius with 5 integer bits). Plain C# so the source generator compiles the same file (as an
/// internal type, so the two never clash).
/// </summary>
#if QUANTIZED_MODELS_GENERATOR
internal
#else
public
#endif
static class Int8SoftmaxParameters
{
    /// <summary>Q5.26, the exp input format (TFLite's kScaledDiffIntegerBits).</summary>
    internal const int ScaledDiffIntegerBits = 5;

    /// <summary>
    /// inputMultiplier * 2^(inputLeftShift - 31) = min(beta * inputScale * 2^26, 2^31 - 1), the factor that maps an
    /// input difference to Q5.26; diffMin = -floor((2^5 - 1) * 2^26 / 2^inputLeftShift), the most negative difference
    /// still exponentiated (smaller ones give exactly 0). Pass the model's float32 scale and beta widened to double.
    /// </summary>
    public static void Compute(double inputScale, double beta, out int inputMultiplier, out int inputLeftShift, out int diffMin)
    {
        const int integerBits = ScaledDiffIntegerBits;
        double real = Math.Min(beta * inputScale * (1 << (31 - integerBits)), (1L << 31) - 1.0);
        // TFLite's QuantizeMultiplierGreaterThanOne checks this; a smaller product means scale * beta below 2^-26.
        if (!(real > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "beta * inputScale must exceed 2^-26.");
        }

        MultiplierQuantization.QuantizeMultiplier(real, out inputMultiplier, out inputLeftShift);
        diffMin = -(int)Math.Floor((double)((1 << integerBits) - 1) * (1L << (31 - integerBits)) / (1L << inputLeftShift));
    }
}
