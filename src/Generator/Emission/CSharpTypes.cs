using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Emission;

/// <summary>The C# element type generated code uses for a tensor element type.</summary>
internal static class CSharpTypes
{
    public static string Of(ElementType type) => type switch
    {
        ElementType.Float => "float",
        ElementType.Float16 => "global::System.Half",
        ElementType.Int8 => "sbyte",
        ElementType.UInt8 => "byte",
        ElementType.Int16 => "short",
        ElementType.UInt16 => "ushort",
        ElementType.Int32 => "int",
        ElementType.Int64 => "long",
        ElementType.UInt64 => "ulong",
        _ => throw new ModelException($"{type.DisplayName()} tensors are not supported at run time.", DiagnosticIds.UnsupportedModel),
    };

    /// <summary>The suffix that names a tensor type's arena: <c>arena</c> for float (the common case), <c>arenaInt8</c> and so on otherwise.</summary>
    public static string ArenaName(ElementType type) => type == ElementType.Float ? "arena" : "arena" + type;
}
