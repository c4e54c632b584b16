using System;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>Reads an ONNX ModelProto (protobuf wire format) into the graph IR.</summary>
internal static class OnnxReader
{
    /// <param name="model">The model file's exact bytes.</param>
    /// <param name="resolveExternalData">Bytes of an external data file by its location relative to the model's folder, or null when the build was not given it.</param>
    /// <exception cref="ModelException">The bytes are not a readable ONNX model; the message says where.</exception>
    public static ModelGraph Read(byte[] model, Func<string, byte[]?> resolveExternalData)
    {
        var message = new ProtoReader(model);
        var graph = new ModelGraph();
        ProtoReader? graphMessage = null;
        MessageScan.Run(
            message,
            () => "The model",
            (field, wireType) =>
            {
                switch (field)
                {
                    case 1: graph.IrVersion = message.ReadInt64(wireType); break;
                    case 2: graph.Producer = message.ReadString(wireType); break;
                    case 7: graphMessage = message.ReadMessage(wireType); break;
                    case 8: ReadOpsetImport(message.ReadMessage(wireType), graph); break;
                    default: message.Skip(field, wireType); break;
                }
            });

        if (graphMessage is null)
        {
            throw new ModelException($"The file ({model.Length} bytes) has no graph, so it is not an ONNX model.");
        }

        GraphReader.Read(graphMessage, graph, new ExternalData(resolveExternalData));
        return graph;
    }

    /// <summary>OperatorSetIdProto: domain = 1, version = 2. A domain imported twice keeps its highest version.</summary>
    private static void ReadOpsetImport(ProtoReader opset, ModelGraph graph)
    {
        var domain = "";
        long version = 0;
        while (opset.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1: domain = opset.ReadString(wireType); break;
                case 2: version = opset.ReadInt64(wireType); break;
                default: opset.Skip(field, wireType); break;
            }
        }

        domain = NodeReader.NormalizeDomain(domain);
        graph.OpsetImports[domain] = Math.Max(version, graph.Opset(domain));
    }
}
