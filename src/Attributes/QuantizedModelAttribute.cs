using System;
using System.Diagnostics;

namespace QuantizedModels;

/// <summary>
/// Compiles the model file at <see cref="ModelPath"/> into the annotated partial class at build time.
/// </summary>
/// <remarks>
/// The path is relative to the project file. The build passes the file's exact bytes to the generator,
/// which emits a <c>Predict</c> method, shape constants and the weights as constant data.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("QUANTIZEDMODELS_KEEP_ATTRIBUTES")]
public sealed class QuantizedModelAttribute : Attribute
{
    /// <summary>Names the model to compile.</summary>
    /// <param name="modelPath">Path of the model file, relative to the project file.</param>
    public QuantizedModelAttribute(string modelPath) => ModelPath = modelPath;

    /// <summary>Path of the model file, relative to the project file.</summary>
    public string ModelPath { get; }

    /// <summary>
    /// How weights are stored and layers computed. Unset, an ONNX model runs as trained (float32) and a TensorFlow
    /// Lite model with the quantization stored in it.
    /// </summary>
    public QuantizationScheme Scheme { get; set; } = QuantizationScheme.Float32;

    /// <summary>
    /// Path (relative to the project file) of a float32 NumPy <c>.npy</c> file of representative inputs, shaped
    /// [samples, ...input shape]: the build runs the float model on them to choose each activation's int8 range.
    /// Required by <see cref="QuantizationScheme.Int8"/> on a float model.
    /// </summary>
    public string? CalibrationData { get; set; }

    /// <summary>How ranges are chosen from the calibration data. Defaults to <see cref="CalibrationMethod.MinMax"/>.</summary>
    public CalibrationMethod Calibration { get; set; } = CalibrationMethod.MinMax;

    /// <summary>The percentile <see cref="CalibrationMethod.Percentile"/> keeps at each end, in percent. Defaults to 99.99.</summary>
    public double CalibrationPercentile { get; set; } = 99.99;

    /// <summary>
    /// With <see cref="QuantizationScheme.Int8"/>, one weight scale per layer instead of one per output channel (the
    /// default, more accurate); for targets or tools that expect per-tensor weights.
    /// </summary>
    public bool PerTensorWeights { get; set; }

    /// <summary>
    /// With <see cref="QuantizationScheme.Int8"/> or <see cref="QuantizationScheme.Int4"/> on a float model, rounds every
    /// activation and weight scale up to a power of two, so each requantization multiplier (input scale x weight scale /
    /// output scale) is an exact power of two: a shift, for targets without a fast multiplier. Coarser steps cost some
    /// accuracy, which the build report states.
    /// </summary>
    public bool PowerOfTwoScales { get; set; }

    /// <summary>
    /// How int8 code built for an ONNX model requantizes and rounds: <see cref="QuantizedRounding.TfLite"/> (the default)
    /// or <see cref="QuantizedRounding.OnnxRuntime"/>, which reproduces ONNX Runtime's outputs exactly. TensorFlow Lite
    /// models always use TensorFlow Lite's arithmetic.
    /// </summary>
    public QuantizedRounding Rounding { get; set; } = QuantizedRounding.TfLite;

    /// <summary>
    /// With <see cref="QuantizationScheme.Ternary"/> or <see cref="QuantizationScheme.Binary"/> and calibration data, the
    /// percentage of calibration samples whose top-1 class the low-bit model must share with the float model; below it
    /// the build warns (QM0012). Defaults to 90.
    /// </summary>
    public double MinimumAgreement { get; set; } = 90;

    /// <summary>
    /// Sizes for named symbolic input dimensions, as <c>"M=4, K=8"</c> (ONNX Runtime's free dimension overrides): the
    /// generated code is compiled for those sizes. A symbolic leading dimension not named here is the batch, pinned to 1.
    /// </summary>
    public string? FreeDimensions { get; set; }

    /// <summary>
    /// With <see cref="QuantizationScheme.Int8"/> or <see cref="QuantizationScheme.Int4"/> on a float ONNX model, the class
    /// also gets <c>QdqOnnxModel</c> and <c>WriteQdqOnnx(Stream)</c>: the graph as the build quantized it, as a QDQ ONNX
    /// model (QuantizeLinear/DequantizeLinear with the build's scales and zero points, int8 per-channel weights, int32
    /// biases) to inspect in Netron or run in ONNX Runtime.
    /// </summary>
    public bool ExportQdq { get; set; }
}
