using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>Reads a TFLite <c>Operator</c> table into a <see cref="Node"/>.</summary>
internal static class TfliteOperatorReader
{
    /// <param name="index">The operator's position in the subgraph, which also makes the node's name unique.</param>
    /// <exception cref="FlatBufferFormatException">The table is damaged.</exception>
    public static Node Read(FlatTable op, int index, IReadOnlyList<TfliteOperatorKind> kinds, IReadOnlyList<string> tensorNames)
    {
        var opcodeIndex = op.GetUInt32(Operator.OpcodeIndex, 0);
        if (opcodeIndex >= kinds.Count)
        {
            throw new ModelException($"Operator {index} uses operator code {opcodeIndex}, but the model has {kinds.Count} operator codes.");
        }

        var kind = kinds[(int)opcodeIndex];
        var describe = Describe(index, kind.OpType);
        var inputs = TensorReferences.Resolve(op.GetVector(Operator.Inputs, 4), tensorNames, allowOmitted: true, describe, "inputs");
        var outputs = TensorReferences.Resolve(op.GetVector(Operator.Outputs, 4), tensorNames, allowOmitted: false, describe, "outputs");
        var node = new Node($"{kind.OpType}_{index}", kind.OpType, kind.Domain, inputs, outputs);
        if (kind.Domain == TfliteOperatorCodes.CustomDomain)
        {
            ReadCustomOptions(op, node, describe);
        }
        else
        {
            var optionsType = op.GetByte(Operator.BuiltinOptionsType, BuiltinOptions.None);
            var options = optionsType == BuiltinOptions.None ? null : op.GetTable(Operator.BuiltinOptions);
            TfliteOptionsReader.Read(node, optionsType, options);
        }

        return node;
    }

    public static string Describe(int index, string? opType) => opType is null ? $"Operator {index}" : $"Operator {index} ({opType})";

    /// <summary>Custom options are opaque to the reader (usually a FlexBuffer); they pass on as a uint8 tensor attribute.</summary>
    private static void ReadCustomOptions(FlatTable op, Node node, string describe)
    {
        if (op.GetUInt64(Operator.LargeCustomOptionsOffset, 0) >= FirstValidExternalOffset)
        {
            throw new ModelException($"{describe} keeps its custom options outside the flatbuffer (as models over 2 GB do), which is not supported.");
        }

        if (op.GetVector(Operator.CustomOptions, 1) is { Count: > 0 } options)
        {
            var data = new TensorData(ElementType.UInt8, new long[] { options.Count }, options.ToBytes());
            node.Attributes["custom_options"] = new AttributeValue { Kind = AttributeKind.Tensor, Tensor = data };
        }
    }
}
