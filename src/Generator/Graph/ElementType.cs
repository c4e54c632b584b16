namespace QuantizedModels.Generator.Graph;

/// <summary>Element types, numbered as ONNX's <c>TensorProto.DataType</c> so readers map them directly.</summary>
internal enum ElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
}

internal static class ElementTypeExtensions
{
    /// <summary>Bytes per element, or 0 for types without a fixed size.</summary>
    public static int SizeInBytes(this ElementType type) => type switch
    {
        ElementType.Float or ElementType.Int32 or ElementType.UInt32 => 4,
        ElementType.UInt8 or ElementType.Int8 or ElementType.Bool => 1,
        ElementType.UInt16 or ElementType.Int16 or ElementType.Float16 => 2,
        ElementType.Int64 or ElementType.Double or ElementType.UInt64 => 8,
        _ => 0,
    };

    public static string DisplayName(this ElementType type) => type switch
    {
        ElementType.Float => "float32",
        ElementType.Float16 => "float16",
        ElementType.Double => "float64",
        _ => type.ToString().ToLowerInvariant(),
    };
}
