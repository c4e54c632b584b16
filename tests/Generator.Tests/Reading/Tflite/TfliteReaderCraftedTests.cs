using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Tflite;
using QuantizedModels.TestSupport;
using Xunit;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;
using static QuantizedModels.Generator.Tests.Reading.Tflite.CraftedTfliteModels;
using Table = QuantizedModels.TestSupport.FlatBufferWriter.Table;

namespace QuantizedModels.Generator.Tests.Reading.Tflite;

/// <summary>Small hand-built models for schema features the two real models do not use.</summary>
public class TfliteReaderCraftedTests
{
    [Fact]
    public void ExtendedBuiltinCodeIsTheLargerOfTheTwoFields()
    {
        var codes = new[] { Code(deprecated: 127, builtin: 150), Code(deprecated: 3, builtin: 0) };
        var graph = TfliteReader.Read(Model(codes, Op(0, new[] { 0 }, new[] { 1 }), Op(1, new[] { 0, -1 }, new[] { 1 })));

        Assert.Equal("GELU", graph.Nodes[0].OpType);
        Assert.Equal("CONV_2D", graph.Nodes[1].OpType);
        Assert.Equal(new[] { "x", "" }, graph.Nodes[1].Inputs);
    }

    [Fact]
    public void OperatorWithoutOptionsGetsSchemaDefaults()
    {
        var graph = TfliteReader.Read(Model(new[] { Code(deprecated: 3, builtin: 3) }, Op(0, new[] { 0 }, new[] { 1 })));

        var conv = graph.Nodes[0];
        Assert.Equal("SAME", conv.GetString("padding", ""));
        Assert.Equal("NONE", conv.GetString("fused_activation_function", ""));
        Assert.Equal(1, conv.GetInt("dilation_h_factor", 0));
    }

    [Fact]
    public void CustomOperatorKeepsItsNameAndOptions()
    {
        var custom = new Table().Byte(OperatorCode.DeprecatedBuiltinCode, 32).Child(OperatorCode.CustomCode, "TFLite_Detection_PostProcess");
        var op = Op(0, new[] { 0 }, new[] { 1 }).Child(Operator.CustomOptions, new byte[] { 1, 2, 3 });
        var node = Assert.Single(TfliteReader.Read(Model(new[] { custom }, op)).Nodes);

        Assert.Equal("tflite.custom", node.Domain);
        Assert.Equal("TFLite_Detection_PostProcess", node.OpType);
        Assert.Equal(new byte[] { 1, 2, 3 }, node.Attributes["custom_options"].Tensor!.Bytes);
    }

    [Fact]
    public void OptionsOfAnotherOperatorAreRejected()
    {
        var op = Op(0, new[] { 0 }, new[] { 1 }).Byte(Operator.BuiltinOptionsType, BuiltinOptions.Pool2D).Child(Operator.BuiltinOptions, new Table());
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(Model(new[] { Code(3, 3) }, op)));

        Assert.StartsWith("Operator 0 is truncated or damaged at byte ", error.Message);
        Assert.EndsWith(": its options are BuiltinOptions member 5, but CONV_2D takes member 1.", error.Message);
    }

    [Fact]
    public void DataOutsideTheFlatbufferIsNotSupported()
    {
        var weights = Tensor("w").Int(TfliteSchema.Tensor.Buffer, 1);
        var external = new Table().UInt64(TfliteSchema.Buffer.Offset, 4096).UInt64(2, 4);
        var model = Model(new[] { Code(3, 3) }, new[] { Tensor("x"), Tensor("y"), weights }, new[] { new Table(), external }, Op(0, new[] { 0, 2 }, new[] { 1 }));
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(model));

        Assert.Equal("Tensor 2 ('w') keeps its data outside the flatbuffer (buffer 1 has an offset, as models over 2 GB do), which is not supported.", error.Message);
    }

    [Fact]
    public void SecondSubgraphRunByAnOperatorIsNotSupported()
    {
        var whileCode = Code(deprecated: 119, builtin: 119);
        var subgraph = Subgraph(new[] { Tensor("x"), Tensor("y") }, Op(0, new[] { 0 }, new[] { 1 }));
        var model = new Table().Int(TfliteSchema.Model.Version, 3)
            .Child(TfliteSchema.Model.OperatorCodes, new[] { whileCode })
            .Child(TfliteSchema.Model.Subgraphs, new[] { subgraph, Subgraph(new[] { Tensor("z") }) })
            .Child(TfliteSchema.Model.Buffers, new[] { new Table() });
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(FlatBufferWriter.Build(model)));

        Assert.Equal("The model has 2 subgraphs and operator 0 (WHILE) of subgraph 0 runs another; only single-subgraph models are supported.", error.Message);
    }

    [Fact]
    public void TensorIndexOutOfRangeNamesTheOperator()
    {
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(Model(new[] { Code(3, 3) }, Op(0, new[] { 7 }, new[] { 1 }))));

        Assert.Equal("Operator 0 (CONV_2D) lists tensor 7 among its inputs, but the subgraph has 2 tensors (0 to 1).", error.Message);
    }
}
