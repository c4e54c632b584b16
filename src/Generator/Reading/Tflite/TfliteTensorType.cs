using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>TFLite's TensorType enum (schema.fbs), which numbers element types differently from ONNX.</summary>
internal enum TfliteTensorType : byte
{
    FLOAT32 = 0,
    FLOAT16 = 1,
    INT32 = 2,
    UINT8 = 3,
    INT64 = 4,
    STRING = 5,
    BOOL = 6,
    INT16 = 7,
    COMPLEX64 = 8,
    INT8 = 9,
    FLOAT64 = 10,
    COMPLEX128 = 11,
    UINT64 = 12,
    RESOURCE = 13,
    VARIANT = 14,
    UINT32 = 15,
    UINT16 = 16,
    INT4 = 17,
    BFLOAT16 = 18,
    INT2 = 19,
    UINT4 = 20,
    FLOAT8_E4M3FN = 21,
    FLOAT8_E5M2 = 22,
}

internal static class TfliteTensorTypeExtensions
{
    /// <summary>The IR's element type, or <see cref="ElementType.Undefined"/> when the IR has none (complex, sub-byte, resource ...).</summary>
    public static ElementType ToElementType(this TfliteTensorType type) => type switch
    {
        TfliteTensorType.FLOAT32 => ElementType.Float,
        TfliteTensorType.FLOAT16 => ElementType.Float16,
        TfliteTensorType.FLOAT64 => ElementType.Double,
        TfliteTensorType.INT8 => ElementType.Int8,
        TfliteTensorType.INT16 => ElementType.Int16,
        TfliteTensorType.INT32 => ElementType.Int32,
        TfliteTensorType.INT64 => ElementType.Int64,
        TfliteTensorType.UINT8 => ElementType.UInt8,
        TfliteTensorType.UINT16 => ElementType.UInt16,
        TfliteTensorType.UINT32 => ElementType.UInt32,
        TfliteTensorType.UINT64 => ElementType.UInt64,
        TfliteTensorType.BOOL => ElementType.Bool,
        TfliteTensorType.STRING => ElementType.String,
        _ => ElementType.Undefined,
    };

    /// <summary>The schema's name for a type code, or the number when the code is newer than this reader.</summary>
    public static string DisplayName(byte code) => System.Enum.IsDefined(typeof(TfliteTensorType), code) ? ((TfliteTensorType)code).ToString() : $"code {code}";
}
