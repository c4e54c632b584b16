using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Export;

/// <summary>
/// Collects one ONNX graph (nodes, initializers, typed inputs and outputs) and writes it as a ModelProto with the
/// field numbers of onnx.proto.
/// </summary>
internal sealed class OnnxModelWriter
{
    private const long IrVersion = 7;
    private const string Producer = "QuantizedModels.Generator";

    private readonly List<System.Action<ProtoWriter>> _nodes = new();
    private readonly List<System.Action<ProtoWriter>> _initializers = new();
    private readonly List<System.Action<ProtoWriter>> _inputs = new();
    private readonly List<System.Action<ProtoWriter>> _outputs = new();
    private readonly HashSet<string> _initializerNames = new();

    public void AddNode(string name, string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, IEnumerable<KeyValuePair<string, AttributeValue>> attributes)
    {
        var inputList = inputs.ToList();
        var outputList = outputs.ToList();
        var attributeList = attributes.ToList();
        _nodes.Add(node =>
        {
            foreach (var input in inputList) node.String(1, input);
            foreach (var output in outputList) node.String(2, output);
            node.String(3, name);
            node.String(4, opType);
            foreach (var attribute in attributeList) node.Message(5, a => WriteAttribute(a, attribute.Key, attribute.Value));
        });
    }

    /// <summary>Adds a constant once; a second call with the same name is ignored (shared constants).</summary>
    public void AddInitializer(string name, TensorData data)
    {
        if (_initializerNames.Add(name)) _initializers.Add(tensor => WriteTensor(tensor, name, data));
    }

    public void AddInput(Value value) => _inputs.Add(info => WriteValueInfo(info, value.Name, value.Type, value.Dims!));

    public void AddOutput(Value value) => _outputs.Add(info => WriteValueInfo(info, value.Name, value.Type, value.Dims!));

    public byte[] ToArray(string graphName, long opset)
    {
        var model = new ProtoWriter();
        model.Varint(1, IrVersion);
        model.String(2, Producer);
        model.Message(7, graph =>
        {
            foreach (var node in _nodes) graph.Message(1, node);
            graph.String(2, graphName);
            foreach (var initializer in _initializers) graph.Message(5, initializer);
            foreach (var input in _inputs) graph.Message(11, input);
            foreach (var output in _outputs) graph.Message(12, output);
        });
        model.Message(8, import =>
        {
            import.String(1, "");
            import.Varint(2, opset);
        });
        return model.ToArray();
    }

    private static void WriteTensor(ProtoWriter tensor, string name, TensorData data)
    {
        tensor.PackedVarints(1, data.Dims);
        tensor.Varint(2, (long)data.Type);
        tensor.String(8, name);
        tensor.Bytes(9, data.Bytes);
    }

    private static void WriteValueInfo(ProtoWriter info, string name, ElementType type, long[] dims)
    {
        info.String(1, name);
        info.Message(2, typeProto => typeProto.Message(1, tensorType =>
        {
            tensorType.Varint(1, (long)type);
            tensorType.Message(2, shape =>
            {
                foreach (var dim in dims) shape.Message(1, d => d.Varint(1, dim));
            });
        }));
    }

    private static void WriteAttribute(ProtoWriter attribute, string name, AttributeValue value)
    {
        attribute.String(1, name);
        switch (value.Kind)
        {
            case AttributeKind.Float:
                attribute.Float(2, value.Float);
                break;
            case AttributeKind.Int:
                attribute.Varint(3, value.Int);
                break;
            case AttributeKind.String:
                attribute.String(4, value.String ?? "");
                break;
            case AttributeKind.Tensor:
                attribute.Message(5, t => WriteTensor(t, "", value.Tensor!));
                break;
            case AttributeKind.Floats:
                attribute.PackedFloats(7, value.Floats);
                break;
            case AttributeKind.Ints:
                attribute.PackedVarints(8, value.Ints);
                break;
            case AttributeKind.Strings:
                foreach (var s in value.Strings) attribute.String(9, s);
                break;
            default:
                throw new ModelException($"attribute '{name}' is a {value.Kind}, which the QDQ export does not write.", DiagnosticIds.UnsupportedModel);
        }

        attribute.Varint(20, (long)value.Kind);
    }
}
