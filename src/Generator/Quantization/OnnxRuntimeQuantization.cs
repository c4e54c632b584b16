namespace QuantizedModels.Generator.Quantization;

/// <summary>The constants ONNX Runtime's CPU kernels (QLinearConv, QLinearMatMul, QDQ-fused conv) compute before they run.</summary>
internal static class OnnxRuntimeQuantization
{
    /// <summary>
    /// The float scale per output channel that multiplies the int32 accumulator: input scale x weight scale / output
    /// scale, left to right in float, as ORT's kernels compute it (the order decides the last bit).
    /// </summary>
    public static float[] RequantizationScales(float inputScale, float[] weightScales, float outputScale)
    {
        var scales = new float[weightScales.Length];
        for (var c = 0; c < scales.Length; c++)
        {
            scales[c] = inputScale * weightScales[c] / outputScale;
        }

        return scales;
    }
}
