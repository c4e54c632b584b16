using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Onnx;
using Xunit;
using Xunit.Abstractions;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Generator.Tests.Reading;

public class OnnxReaderTests
{
    private static readonly Func<string, byte[]?> NoFiles = _ => null;
    private readonly ITestOutputHelper output;

    public OnnxReaderTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static ProtoWriter TensorType(ElementType type, params object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var d in dims)
        {
            shape.Message(1, d is string name ? new ProtoWriter().String(2, name) : new ProtoWriter().Int(1, Convert.ToInt64(d)));
        }

        return new ProtoWriter().Message(1, new ProtoWriter().Int(1, (long)type).Message(2, shape));
    }

    private static ProtoWriter ValueInfo(string name, ElementType type, params object[] dims) =>
        new ProtoWriter().String(1, name).Message(2, TensorType(type, dims));

    private static ProtoWriter FloatInitializer(string name, params float[] values)
    {
        var t = new ProtoWriter().PackedVarints(1, values.Length).Int(2, (long)ElementType.Float).String(8, name);
        foreach (var v in values)
        {
            t.Float(4, v);
        }

        return t;
    }

    private static ProtoWriter Node(string op, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var i in inputs)
        {
            node.String(1, i);
        }

        foreach (var o in outputs)
        {
            node.String(2, o);
        }

        node.String(3, op.ToLowerInvariant()).String(4, op);
        foreach (var a in attributes)
        {
            node.Message(5, a);
        }

        return node;
    }

    private static byte[] Model(ProtoWriter graph, long irVersion = 8) =>
        new ProtoWriter().Int(1, irVersion).String(2, "test")
            .Message(8, new ProtoWriter().String(1, "ai.onnx").Int(2, 13))
            .Message(8, new ProtoWriter().String(1, "com.microsoft").Int(2, 1))
            .Message(7, graph).ToArray();

    /// <summary>An IR 3 style graph: the initializer W is listed among the inputs too.</summary>
    private static byte[] SmallModel() => Model(
        new ProtoWriter()
            .Message(1, Node("MatMul", new[] { "X", "W" }, new[] { "Y" }))
            .Message(1, Node("Relu", new[] { "Y" }, new[] { "Z" }))
            .String(2, "g")
            .Message(5, FloatInitializer("W", 1f, 2f))
            .Message(11, ValueInfo("X", ElementType.Float, "batch", 2))
            .Message(11, ValueInfo("W", ElementType.Float, 2))
            .Message(12, ValueInfo("Z", ElementType.Float, "batch", 1)),
        irVersion: 3);

    [Fact]
    public void SmallModelReadsCompletely()
    {
        var graph = OnnxReader.Read(SmallModel(), NoFiles);
        Assert.Equal(3, graph.IrVersion);
        Assert.Equal("test", graph.Producer);
        Assert.Equal("g", graph.Name);
        Assert.Equal(13, graph.Opset(""));
        Assert.Equal(1, graph.Opset("com.microsoft"));
        Assert.Equal(new[] { "X" }, graph.Inputs);
        Assert.Equal(new[] { "Z" }, graph.Outputs);
        Assert.Equal(new[] { "MatMul", "Relu" }, graph.Nodes.Select(n => n.OpType));
        Assert.Equal(new[] { 1f, 2f }, graph.GetValue("W").Constant!.ToFloats());
        var x = graph.GetValue("X");
        Assert.Equal(new long[] { -1, 2 }, x.Dims);
        Assert.Equal(new string?[] { "batch", null }, x.DimNames);
        var y = graph.GetValue("Y");
        Assert.Equal(ElementType.Undefined, y.Type);
        Assert.Null(y.Dims);
        Assert.Equal(new long[] { -1, 1 }, graph.GetValue("Z").Dims);
    }

    [Fact]
    public void EveryAttributeKindIsRead()
    {
        var attributes = new[]
        {
            new ProtoWriter().String(1, "f").Int(20, 1).Float(2, 0.5f),
            new ProtoWriter().String(1, "i").Int(20, 2).Int(3, -7),
            new ProtoWriter().String(1, "s").Int(20, 3).String(4, "héllo"),
            new ProtoWriter().String(1, "t").Int(20, 4).Message(5, FloatInitializer("", 3f)),
            new ProtoWriter().String(1, "g").Int(20, 5).Message(6, new ProtoWriter().String(2, "body")),
            new ProtoWriter().String(1, "fs").Int(20, 6).Float(7, 1f).Float(7, 2f),
            new ProtoWriter().String(1, "is").Int(20, 7).PackedVarints(8, 1, -2),
            new ProtoWriter().String(1, "ss").Int(20, 8).String(9, "a").String(9, "b"),
            new ProtoWriter().String(1, "ts").Int(20, 9).Message(10, FloatInitializer("", 4f)).Message(10, FloatInitializer("", 5f)),
            new ProtoWriter().String(1, "gs").Int(20, 10).Message(11, new ProtoWriter()),
            new ProtoWriter().String(1, "old_style_int").Int(3, 9),
        };
        var graph = OnnxReader.Read(Model(new ProtoWriter().Message(1, Node("Custom", new[] { "X" }, new[] { "Y" }, attributes))), NoFiles);
        var a = graph.Nodes.Single().Attributes;
        Assert.Equal(0.5f, a["f"].Float);
        Assert.Equal(-7, a["i"].Int);
        Assert.Equal("héllo", a["s"].String);
        Assert.Equal(new[] { 3f }, a["t"].Tensor!.ToFloats());
        Assert.Equal(AttributeKind.Graph, a["g"].Kind);
        Assert.Equal(new[] { 1f, 2f }, a["fs"].Floats);
        Assert.Equal(new long[] { 1, -2 }, a["is"].Ints);
        Assert.Equal(new[] { "a", "b" }, a["ss"].Strings);
        Assert.Equal(new[] { 4f, 5f }, a["ts"].Tensors.Select(t => t.ToFloats().Single()));
        Assert.Equal(AttributeKind.Graphs, a["gs"].Kind);
        Assert.Equal(AttributeKind.Int, a["old_style_int"].Kind);
        Assert.Equal(9, a["old_style_int"].Int);
    }

    [Fact]
    public void NodesKeepFileOrder()
    {
        var graph = OnnxReader.Read(TestData.Read("nodes_out_of_order.onnx"), NoFiles);
        var producerIndex = graph.Nodes.SelectMany((n, i) => n.Outputs.Select(o => (o, i))).ToDictionary(p => p.o, p => p.i);
        var usesLaterOutput = graph.Nodes.Select((n, i) => n.Inputs.Any(input => producerIndex.TryGetValue(input, out var p) && p > i)).Any(b => b);
        Assert.True(usesLaterOutput, "the file has a node before the node producing its input, and the reader keeps that order");
    }

    [Fact]
    public void BackendModelAndRealModelsRead()
    {
        var conv = OnnxReader.Read(TestData.Read("conv_with_strides_padding.onnx"), NoFiles);
        Assert.Equal("Conv", conv.Nodes.Single().OpType);
        Assert.Equal(new long[] { 2, 2 }, conv.Nodes.Single().GetInts("strides"));
        Assert.Equal(new long[] { 1, 1, 7, 5 }, conv.GetValue(conv.Inputs[0]).Dims);

        var kws = OnnxReader.Read(TestData.Read("kws_ref_model_float.onnx"), NoFiles);
        Assert.Equal(new[] { "mfcc" }, kws.Inputs);
        Assert.Equal(new[] { "probabilities" }, kws.Outputs);
        var parameters = kws.Values.Values.Where(v => v.IsConstant && v.Type == ElementType.Float).Sum(v => v.Constant!.ElementCount);
        Assert.True(parameters >= 22604, $"DS-CNN has at least 22,604 parameters; read {parameters}");

        OnnxReader.Read(TestData.Read("cnn_mnist_pytorch.onnx"), NoFiles);
    }

    [Fact]
    public void KwsInitializersAreTheFilesOwnBytes()
    {
        // python onnx is not available here; an independent check: raw_data initializers appear verbatim in the file.
        var file = TestData.Read("kws_ref_model_float.onnx");
        var kws = OnnxReader.Read(file, NoFiles);
        var constants = kws.Values.Values.Where(v => v.IsConstant && v.Constant!.Bytes.Length >= 16).ToList();
        Assert.NotEmpty(constants);
        foreach (var value in constants)
        {
            Assert.True(IndexOf(file, value.Constant!.Bytes) >= 0, $"bytes of '{value.Name}' are not in the file");
            Assert.Equal(value.Constant!.ElementCount * value.Type.SizeInBytes(), value.Constant.Bytes.Length);
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    [Fact]
    public void ExternalInitializerIsResolvedRelativeToTheModel()
    {
        var requested = new List<string>();
        var graph = OnnxReader.Read(TestData.Read("conv_qdq_external_ini.onnx"), location =>
        {
            requested.Add(location);
            return TestData.Read(Path.GetFileName(location));
        });
        Assert.Contains("conv_qdq_external_ini.bin", requested);
        Assert.Single(requested.Distinct());
        Assert.Contains(graph.Values.Values, v => v.IsConstant && v.Constant!.Bytes.Length > 0);
    }

    private static byte[] ExternalModel(string location, string? offset = null, string? length = null)
    {
        var tensor = new ProtoWriter().PackedVarints(1, 2).Int(2, (long)ElementType.Float).String(8, "W")
            .Message(13, new ProtoWriter().String(1, "location").String(2, location));
        if (offset is not null)
        {
            tensor.Message(13, new ProtoWriter().String(1, "offset").String(2, offset));
        }

        if (length is not null)
        {
            tensor.Message(13, new ProtoWriter().String(1, "length").String(2, length));
        }

        return Model(new ProtoWriter().Message(1, Node("Relu", new[] { "W" }, new[] { "Y" })).Message(5, tensor.Int(14, 1)));
    }

    [Fact]
    public void ExternalDataWithOffsetAndLength()
    {
        var file = new byte[16];
        BitConverter.GetBytes(1.5f).CopyTo(file, 4);
        BitConverter.GetBytes(-1f).CopyTo(file, 8);
        string? asked = null;
        var graph = OnnxReader.Read(ExternalModel("./weights/w.bin", "4", "8"), l => { asked = l; return file; });
        Assert.Equal("weights/w.bin", asked);
        Assert.Equal(new[] { 1.5f, -1f }, graph.GetValue("W").Constant!.ToFloats());
    }

    [Theory]
    [InlineData("../w.bin", "leaves the model's folder")]
    [InlineData("a/../../w.bin", "leaves the model's folder")]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("C:\\w.bin", "absolute path")]
    public void ExternalPathsOutsideTheModelFolderAreRefused(string location, string expected)
    {
        var e = Assert.Throws<ModelException>(() => OnnxReader.Read(ExternalModel(location), _ => new byte[8]));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("Initializer 1 of 1 ('W')", e.Message);
    }

    [Theory]
    [InlineData("12", "8", "reads 8 bytes from byte 12 of 'w.bin', past the end of that file (16 bytes)")]
    [InlineData("20", null, "reads external data from byte 20 of 'w.bin', but that file has only 16 bytes")]
    [InlineData("99999999999999999999", null, "not a whole number")]
    [InlineData(null, null, "takes 16 bytes from 'w.bin', but its type and dimensions need 8")]
    public void ExternalRangesPastTheFileOrWrongSizeFail(string? offset, string? length, string expected)
    {
        var e = Assert.Throws<ModelException>(() => OnnxReader.Read(ExternalModel("w.bin", offset, length), _ => new byte[16]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingExternalFileTellsHowToAddIt()
    {
        var e = Assert.Throws<ModelException>(() => OnnxReader.Read(ExternalModel("w.bin"), NoFiles));
        Assert.Equal(
            "Initializer 1 of 1 ('W') keeps its data in the external file 'w.bin', which was not given to the build. "
            + "Add it next to the model, e.g. <QuantizedModel Include=\"Models/w.bin\" /> when the model is in Models/.",
            e.Message);
    }

    [Fact]
    public void SparseInitializersAreRejected()
    {
        var e = Assert.Throws<ModelException>(() => OnnxReader.Read(Model(new ProtoWriter().Message(15, new ProtoWriter())), NoFiles));
        Assert.Contains("sparse initializers are not supported", e.Message);
    }

    [Fact]
    public void AModelWithoutGraphIsRejected()
    {
        var e = Assert.Throws<ModelException>(() => OnnxReader.Read(Array.Empty<byte>(), NoFiles));
        Assert.Equal("The file (0 bytes) has no graph, so it is not an ONNX model.", e.Message);
    }

    [Fact]
    public void DamagedNodeIsNamedWithItsByteOffset()
    {
        var node = Node("Relu", new[] { "X" }, new[] { "Y" }).Key(5, 2).Raw(ProtoWriter.Varint(1000));
        var e = Assert.Throws<ModelException>(() => OnnxReader.Read(Model(new ProtoWriter().Message(1, node)), NoFiles));
        Assert.Matches(@"^Node 1 of 1 \('relu', Relu\) is truncated or damaged at byte \d+: a field declares 1000 bytes but only 0 remain in its message\.$", e.Message);
    }

    [Fact]
    public void EveryTruncationOfAModelIsAModelException()
    {
        var model = SmallModel();
        for (var length = 0; length < model.Length; length++)
        {
            var prefix = model.Take(length).ToArray();
            var e = Record.Exception(() => OnnxReader.Read(prefix, NoFiles));
            Assert.True(e is null or ModelException, $"prefix of {length} bytes threw {e}");
        }
    }

    [Fact]
    public void RandomBytesAndBitFlipsGiveOnlyModelExceptions()
    {
        var random = new Random(1234);
        var models = new[] { SmallModel(), TestData.Read("conv_with_strides_padding.onnx"), TestData.Read("conv_qdq_external_ini.onnx") };
        for (var trial = 0; trial < 3000; trial++)
        {
            byte[] bytes;
            if (trial % 3 == 0)
            {
                bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])models[trial % models.Length].Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
            }

            var e = Record.Exception(() => OnnxReader.Read(bytes, _ => new byte[992]));
            Assert.True(e is null or ModelException, $"trial {trial} threw {e}");
        }
    }

    /// <summary>Developer check over the shared data set; CI has no /work/shared and relies on the copies above.</summary>
    [Fact]
    public void EveryModelAndTensorInTheSharedDataSetReads()
    {
        const string shared = "/work/shared/onnx";
        if (!Directory.Exists(shared))
        {
            output.WriteLine($"{shared} is absent; nothing read.");
            return;
        }

        var failures = new List<string>();
        var files = Directory.GetFiles(shared, "*.onnx", SearchOption.AllDirectories);
        foreach (var file in files)
        {
            var folder = Path.GetDirectoryName(file)!;
            try
            {
                OnnxReader.Read(File.ReadAllBytes(file), l => File.ReadAllBytes(Path.Combine(folder, l)));
            }
            catch (ModelException e)
            {
                failures.Add($"{file}: {e.Message}");
            }
        }

        // Test tensors of element types the generator does not support (float8, int4, ...) must be refused, by name.
        var tensors = Directory.GetFiles(shared, "*.pb", SearchOption.AllDirectories);
        var refusedTypes = 0;
        foreach (var file in tensors)
        {
            try
            {
                TensorProtoReader.ReadTensor(File.ReadAllBytes(file));
            }
            catch (ModelException e) when (e.Message.Contains("has element type") && e.Message.Contains("which is not supported"))
            {
                refusedTypes++;
            }
            catch (ModelException e)
            {
                failures.Add($"{file}: {e.Message}");
            }
        }

        output.WriteLine($"read {files.Length} models and {tensors.Length} tensor files under {shared}: {failures.Count} failed, {refusedTypes} tensors refused for an unsupported element type");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
