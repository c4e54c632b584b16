namespace QuantizedModels.Runtime;

/// <summary>
/// Build-time (multiplier, shift) pairs of TFLite's Prepare for kernels that rescale by a ratio of scales. Plain C#
/// so the source generator compiles the same file (as an internal type, so the two never clash); pass the model's
/// float32 scales widened to double, since TFLite computes in double from them.
/// </summary>
#if QUANTIZED_MODELS_GENERATOR
internal
#else
public
#endif
static class Int8ScaleParameters
{
    /// <summary>QuantizeMultiplier(inputScale / outputScale): int8 QUANTIZE (requantize) and MEAN.</summary>
    public static void Ratio(double inputScale, double outputScale, out int multiplier, out int shift) =>
        MultiplierQuantization.QuantizeMultiplier(inputScale / outputScale, out multiplier, out shift);

    /// <summary>QuantizeMultiplier(input1Scale * input2Scale / outputScale): MUL, evaluated left to right as TFLite does.</summary>
    public static void Product(double input1Scale, double input2Scale, double outputScale, out int multiplier, out int shift) =>
        MultiplierQuantization.QuantizeMultiplier(input1Scale * input2Scale / outputScale, out multiplier, out shift);
}
