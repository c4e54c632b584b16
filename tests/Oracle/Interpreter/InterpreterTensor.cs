namespace QuantizedModels.Oracle.Interpreter;

/// <summary>The TfLiteType members the oracle's models use (c_api_types.h).</summary>
public enum TensorType
{
    Float32 = 1,
    Int8 = 9,
}

/// <summary>The interpreter's graph input or output: element type and count, and its per-tensor quantization (0 and 0 for float).</summary>
public sealed record InterpreterTensor(TensorType Type, int Length, float Scale, int ZeroPoint);
