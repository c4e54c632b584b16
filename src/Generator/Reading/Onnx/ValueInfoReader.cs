using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>A declared tensor type: name, element type, and shape with -1 for each unknown dimension.</summary>
internal sealed record ValueInfo(string Name, ElementType Type, long[]? Dims, string?[]? DimNames);

/// <summary>
/// Reads an ONNX <c>ValueInfoProto</c> (graph input, output or value_info entry). Only tensor types carry
/// a shape; sequences, maps and optionals come back with an undefined type and no shape.
/// </summary>
internal static class ValueInfoReader
{
    public static ValueInfo Read(ProtoReader message, string describe)
    {
        var name = "";
        var type = ElementType.Undefined;
        List<long>? dims = null;
        List<string?>? dimNames = null;
        MessageScan.Run(
            message,
            () => name.Length > 0 ? $"{describe} '{name}'" : describe,
            (field, wireType) =>
            {
                switch (field)
                {
                    case 1: name = message.ReadString(wireType); break;
                    case 2: ReadType(message.ReadMessage(wireType), ref type, ref dims, ref dimNames); break;
                    default: message.Skip(field, wireType); break;
                }
            });

        var anyNamed = dimNames?.Exists(n => n is not null) ?? false;
        return new ValueInfo(name, type, dims?.ToArray(), anyNamed ? dimNames!.ToArray() : null);
    }

    /// <summary>TypeProto: field 1 is tensor_type {elem_type = 1, shape = 2}.</summary>
    private static void ReadType(ProtoReader typeProto, ref ElementType type, ref List<long>? dims, ref List<string?>? dimNames)
    {
        while (typeProto.TryReadTag(out var field, out var wireType))
        {
            if (field != 1)
            {
                typeProto.Skip(field, wireType);
                continue;
            }

            var tensorType = typeProto.ReadMessage(wireType);
            while (tensorType.TryReadTag(out var tensorField, out var tensorWireType))
            {
                switch (tensorField)
                {
                    case 1: type = OnnxDataType.ToElementType(tensorType.ReadInt64(tensorWireType)); break;
                    case 2: (dims, dimNames) = ReadShape(tensorType.ReadMessage(tensorWireType)); break;
                    default: tensorType.Skip(tensorField, tensorWireType); break;
                }
            }
        }
    }

    /// <summary>TensorShapeProto: repeated Dimension (field 1), each a dim_value (1) or a dim_param (2).</summary>
    private static (List<long> Dims, List<string?> Names) ReadShape(ProtoReader shape)
    {
        var dims = new List<long>();
        var names = new List<string?>();
        while (shape.TryReadTag(out var field, out var wireType))
        {
            if (field != 1)
            {
                shape.Skip(field, wireType);
                continue;
            }

            var dimension = shape.ReadMessage(wireType);
            long value = -1;
            string? name = null;
            while (dimension.TryReadTag(out var dimField, out var dimWireType))
            {
                switch (dimField)
                {
                    case 1: value = dimension.ReadInt64(dimWireType); break;
                    case 2: name = dimension.ReadString(dimWireType); break;
                    default: dimension.Skip(dimField, dimWireType); break;
                }
            }

            // A named (symbolic) or negative dimension is unknown until the user pins it.
            dims.Add(name is null && value >= 0 ? value : -1);
            names.Add(name);
        }

        return (dims, names);
    }
}
