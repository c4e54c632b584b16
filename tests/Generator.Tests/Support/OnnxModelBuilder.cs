using System;
using System.Collections.Generic;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>
/// Writes ONNX <c>ModelProto</c> bytes for tests, so models are built in code rather than exported from Python.
/// Field numbers follow onnx.proto; tensors are stored as raw little-endian data.
/// </summary>
internal sealed class OnnxModelBuilder
{
    private const int FloatType = 1;
    private const int Int64Type = 7;

    private readonly ProtoWriter graph = new();
    private readonly Dictionary<string, long> opsets = new() { [""] = 13 };
    private int nodeCount;

    public OnnxModelBuilder(string graphName = "test_graph")
    {
        graph.String(2, graphName);
    }

    public OnnxModelBuilder Opset(string domain, long version)
    {
        opsets[domain] = version;
        return this;
    }

    /// <summary>A float graph input; a dimension given as a string is symbolic (<c>dim_param</c>).</summary>
    public OnnxModelBuilder Input(string name, params object[] dims) => Tensor(11, name, FloatType, dims);

    public OnnxModelBuilder Output(string name, params object[] dims) => Tensor(12, name, FloatType, dims);

    public OnnxModelBuilder Output(string name, int elementType, params object[] dims) => Tensor(12, name, elementType, dims);

    public OnnxModelBuilder Floats(string name, long[] dims, params float[] values)
    {
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        graph.Message(5, Initializer(name, dims, FloatType, raw));
        return this;
    }

    public OnnxModelBuilder Int64s(string name, long[] dims, params long[] values)
    {
        var raw = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        graph.Message(5, Initializer(name, dims, Int64Type, raw));
        return this;
    }

    public OnnxModelBuilder Node(string op, string[] inputs, string[] outputs, params ProtoWriter[] attributes) =>
        DomainNode("", op, inputs, outputs, attributes);

    public OnnxModelBuilder DomainNode(string domain, string op, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs) node.String(1, input);
        foreach (var output in outputs) node.String(2, output);
        node.String(3, $"{op.ToLowerInvariant()}_{++nodeCount}").String(4, op);
        foreach (var attribute in attributes) node.Message(5, attribute);
        if (domain.Length > 0) node.String(7, domain);
        graph.Message(1, node);
        return this;
    }

    public byte[] ToBytes()
    {
        var model = new ProtoWriter().Int(1, 8).String(2, "OnnxModelBuilder");
        foreach (var opset in opsets)
        {
            model.Message(8, new ProtoWriter().String(1, opset.Key).Int(2, opset.Value));
        }

        return model.Message(7, graph).ToArray();
    }

    private static ProtoWriter Initializer(string name, long[] dims, int elementType, byte[] raw) =>
        new ProtoWriter().PackedVarints(1, dims).Int(2, elementType).String(8, name).Bytes(9, raw);

    private OnnxModelBuilder Tensor(int field, string name, int elementType, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims)
        {
            shape.Message(1, dim is string symbol ? new ProtoWriter().String(2, symbol) : new ProtoWriter().Int(1, Convert.ToInt64(dim)));
        }

        var type = new ProtoWriter().Message(1, new ProtoWriter().Int(1, elementType).Message(2, shape));
        graph.Message(field, new ProtoWriter().String(1, name).Message(2, type));
        return this;
    }
}
