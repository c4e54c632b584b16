namespace QuantizedModels;

/// <summary>
/// Whose integer arithmetic an int8 ONNX model's generated code reproduces: where an int32 accumulator is scaled to
/// an int8 output, and where the float <c>Predict</c> quantizes its inputs.
/// </summary>
public enum QuantizedRounding
{
    /// <summary>
    /// TensorFlow Lite's reference kernels: a Q31 fixed-point multiplier and shift per channel, inputs quantized
    /// rounding half away from zero. TensorFlow Lite models always compute this way.
    /// </summary>
    TfLite = 0,

    /// <summary>
    /// ONNX Runtime's CPU kernels: the accumulator converted to float, multiplied by input scale x weight scale / output
    /// scale (float), rounded half to even; inputs quantized half to even. The outputs of a QDQ model equal ONNX
    /// Runtime's.
    /// </summary>
    OnnxRuntime = 1,
}
