using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>ONNX <c>TensorProto.DataType</c> codes: which map to <see cref="ElementType"/>, and names for those that do not.</summary>
internal static class OnnxDataType
{
    private const string SupportedList = "float32, float16, float64, int8, uint8, int16, uint16, int32, uint32, int64, uint64 and bool";

    /// <summary>The element type of a code, or <see cref="ElementType.Undefined"/> when the generator has none for it.</summary>
    public static ElementType ToElementType(long code) =>
        code is > 0 and <= (long)ElementType.UInt64 && code != (long)ElementType.String ? (ElementType)code : ElementType.Undefined;

    /// <summary>The element type of a tensor whose contents must be read; anything else is the user's problem to fix.</summary>
    public static ElementType ToTensorElementType(long code, string where)
    {
        var type = ToElementType(code);
        if (type != ElementType.Undefined)
        {
            return type;
        }

        throw code switch
        {
            0 => new ModelException($"{where} has no element type (data_type is 0 or missing)."),
            (long)ElementType.String => new ModelException($"{where} holds strings; string tensors are not supported."),
            // A type ONNX defines (complex, bfloat16, float8, int4, int2, ...) is a well-formed model this version cannot compile.
            >= 14 and <= 26 => new ModelException($"{where} has element type {Name(code)}, which is not supported; supported types are {SupportedList}.", Diagnostics.DiagnosticIds.UnsupportedModel),
            _ => new ModelException($"{where} has element type {Name(code)}, which is not supported; supported types are {SupportedList}."),
        };
    }

    public static string Name(long code) => code switch
    {
        8 => "string",
        14 => "complex64",
        15 => "complex128",
        16 => "bfloat16",
        17 => "float8e4m3fn",
        18 => "float8e4m3fnuz",
        19 => "float8e5m2",
        20 => "float8e5m2fnuz",
        21 => "uint4",
        22 => "int4",
        23 => "float4e2m1",
        24 => "float8e8m0",
        25 => "uint2",
        26 => "int2",
        _ when ToElementType(code) != ElementType.Undefined => ((ElementType)code).DisplayName(),
        _ => $"code {code}",
    };
}
