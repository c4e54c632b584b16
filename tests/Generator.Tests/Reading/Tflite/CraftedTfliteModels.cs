using QuantizedModels.Generator.Reading.Tflite;
using QuantizedModels.TestSupport;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;
using Table = QuantizedModels.TestSupport.FlatBufferWriter.Table;

namespace QuantizedModels.Generator.Tests.Reading.Tflite;

/// <summary>Builds small TFLite flatbuffers: int8 [1,4] tensors "x" (input) and "y" (output) unless given others.</summary>
internal static class CraftedTfliteModels
{
    public const byte Int8 = 9;

    public static byte[] Model(Table[] codes, params Table[] operators) =>
        Model(codes, new[] { Tensor("x"), Tensor("y") }, new[] { new Table() }, operators);

    public static byte[] Model(Table[] codes, Table[] tensors, Table[] buffers, params Table[] operators) =>
        FlatBufferWriter.Build(new Table()
            .Int(TfliteSchema.Model.Version, 3)
            .Child(TfliteSchema.Model.OperatorCodes, codes)
            .Child(TfliteSchema.Model.Subgraphs, new[] { Subgraph(tensors, operators) })
            .Child(TfliteSchema.Model.Buffers, buffers));

    public static Table Subgraph(Table[] tensors, params Table[] operators) => new Table()
        .Child(SubGraph.Tensors, tensors)
        .Child(SubGraph.Inputs, new[] { 0 })
        .Child(SubGraph.Outputs, new[] { 1 })
        .Child(SubGraph.Operators, operators);

    public static Table Code(sbyte deprecated, int builtin) =>
        new Table().Byte(OperatorCode.DeprecatedBuiltinCode, unchecked((byte)deprecated)).Int(OperatorCode.BuiltinCode, builtin);

    public static Table Tensor(string name) => new Table().Child(TfliteSchema.Tensor.Shape, new[] { 1, 4 }).Byte(TfliteSchema.Tensor.Type, Int8).Child(TfliteSchema.Tensor.Name, name);

    public static Table Op(int opcode, int[] inputs, int[] outputs) =>
        new Table().Int(Operator.OpcodeIndex, opcode).Child(Operator.Inputs, inputs).Child(Operator.Outputs, outputs);
}
