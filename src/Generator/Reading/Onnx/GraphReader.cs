using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>
/// Reads the main ONNX <c>GraphProto</c> into a <see cref="ModelGraph"/>: nodes in file order (sorting is a
/// later pass), initializers as constant values, and only true runtime inputs as graph inputs.
/// </summary>
internal static class GraphReader
{
    public static void Read(ProtoReader message, ModelGraph graph, ExternalData externalData)
    {
        var nodes = new List<ProtoReader>();
        var initializers = new List<ProtoReader>();
        var inputs = new List<ProtoReader>();
        var outputs = new List<ProtoReader>();
        var valueInfos = new List<ProtoReader>();
        var name = "";
        MessageScan.Run(
            message,
            () => name.Length > 0 ? $"The graph '{name}'" : "The graph",
            (field, wireType) =>
            {
                switch (field)
                {
                    case 1: nodes.Add(message.ReadMessage(wireType)); break;
                    case 2: name = message.ReadString(wireType); break;
                    case 5: initializers.Add(message.ReadMessage(wireType)); break;
                    case 11: inputs.Add(message.ReadMessage(wireType)); break;
                    case 12: outputs.Add(message.ReadMessage(wireType)); break;
                    case 13: valueInfos.Add(message.ReadMessage(wireType)); break;
                    case 15: throw new ModelException($"The graph has a sparse initializer (at byte {message.Position}); sparse initializers are not supported. Store the tensor densely.");
                    default: message.Skip(field, wireType); break;
                }
            });

        graph.Name = name;
        ReadInitializers(initializers, graph, externalData);
        foreach (var input in inputs)
        {
            var info = ValueInfoReader.Read(input, "A graph input");
            if (info.Name.Length == 0)
            {
                throw new ModelException("A graph input has no name, so no node can use it.");
            }

            // IR version 3 lists every initializer among the inputs too; those are constants, not runtime inputs.
            if (!graph.Values.ContainsKey(info.Name))
            {
                graph.Inputs.Add(info.Name);
            }

            Declare(graph, info);
        }

        foreach (var output in outputs)
        {
            var info = ValueInfoReader.Read(output, "A graph output");
            graph.Outputs.Add(info.Name);
            Declare(graph, info);
        }

        foreach (var valueInfo in valueInfos)
        {
            Declare(graph, ValueInfoReader.Read(valueInfo, "A value_info entry"));
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var node = NodeReader.Read(nodes[i], i + 1, nodes.Count, externalData);
            graph.Nodes.Add(node);
            // An empty name is an omitted optional input or output.
            foreach (var tensorName in node.Inputs.Concat(node.Outputs).Where(n => n.Length > 0))
            {
                Reference(graph, tensorName);
            }
        }
    }

    private static void ReadInitializers(List<ProtoReader> initializers, ModelGraph graph, ExternalData externalData)
    {
        for (var i = 0; i < initializers.Count; i++)
        {
            var position = $"Initializer {i + 1} of {initializers.Count}";
            var (name, data) = TensorProtoReader.Read(initializers[i], n => n.Length > 0 ? $"{position} ('{n}')" : position, externalData);
            if (name.Length == 0)
            {
                throw new ModelException($"{position} has no name, so no node can use it.");
            }

            if (graph.Values.ContainsKey(name))
            {
                throw new ModelException($"{position} is named '{name}', like an earlier initializer.");
            }

            graph.AddValue(new Value(name, data.Type, data.Dims, data));
        }
    }

    /// <summary>Records a declared type and shape; the first declaration wins and constants keep their own.</summary>
    private static void Declare(ModelGraph graph, ValueInfo info)
    {
        if (info.Name.Length == 0)
        {
            return;
        }

        var value = Reference(graph, info.Name);
        if (value.IsConstant)
        {
            return;
        }

        if (value.Type == ElementType.Undefined)
        {
            value.Type = info.Type;
        }

        if (value.Dims is null && info.Dims is not null)
        {
            value.Dims = info.Dims;
            value.DimNames = info.DimNames;
        }
    }

    /// <summary>The value of a tensor name, created with unknown type and shape on first mention.</summary>
    private static Value Reference(ModelGraph graph, string name) =>
        graph.Values.TryGetValue(name, out var value) ? value : graph.AddValue(new Value(name, ElementType.Undefined, null));
}
