using System;

namespace KeywordSpotting.Features;

/// <summary>
/// How the MLPerf Tiny DS-CNN models take the [49, 10] MFCCs. Both layouts keep the features' own
/// frame-major order, so the float model takes them unchanged; only the int8 model needs quantising.
/// </summary>
public static class DsCnnInputs
{
    /// <summary>Float ONNX model: input "mfcc", float [1, 1, 49, 10] (NCHW, C = 1).</summary>
    public static ReadOnlySpan<int> FloatModelShape => [1, 1, MlperfKwsFrontEnd.FrameCount, MlperfKwsFrontEnd.CoefficientCount];

    /// <summary>Int8 TFLite model: input int8 [1, 49, 10, 1] (NHWC, C = 1).</summary>
    public static ReadOnlySpan<int> Int8ModelShape => [1, MlperfKwsFrontEnd.FrameCount, MlperfKwsFrontEnd.CoefficientCount, 1];

    public const float Int8Scale = 0.5847029089927673f;
    public const int Int8ZeroPoint = 83;

    /// <summary>The training pipeline's quantisation: trunc(x / scale + zero point), clamped to int8 (NaN gives the zero point).</summary>
    public static void QuantizeForInt8Model(ReadOnlySpan<float> features, Span<sbyte> quantized)
    {
        if (quantized.Length < features.Length)
        {
            throw new ArgumentException("Destination is shorter than the features.", nameof(quantized));
        }

        for (var i = 0; i < features.Length; i++)
        {
            var value = float.IsNaN(features[i]) ? Int8ZeroPoint : MathF.Truncate(features[i] / Int8Scale + Int8ZeroPoint);
            quantized[i] = (sbyte)Math.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
        }
    }
}
