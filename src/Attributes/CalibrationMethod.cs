namespace QuantizedModels;

/// <summary>
/// How the build picks each activation's int8 range from the calibration data. The model's outputs always keep
/// their whole (MinMax) range: clipping a classifier's largest score would change its answer.
/// </summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen: no clipping, coarsest steps when there are outliers.</summary>
    MinMax = 0,

    /// <summary>The <see cref="QuantizedModelAttribute.CalibrationPercentile"/> percentiles at both ends: clips rare outliers.</summary>
    Percentile = 1,

    /// <summary>The clipping threshold whose quantized histogram is closest to the real one in KL divergence (TensorRT's method).</summary>
    Entropy = 2,

    /// <summary>The clipping threshold with the least expected squared error (clipping plus rounding).</summary>
    Mse = 3,
}
