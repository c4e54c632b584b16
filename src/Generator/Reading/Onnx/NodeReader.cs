using System.Collections.Generic;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Protobuf;

namespace QuantizedModels.Generator.Reading.Onnx;

/// <summary>Reads an ONNX <c>NodeProto</c> with its attributes.</summary>
internal static class NodeReader
{
    /// <summary>ONNX allows the default operator domain to be spelled "" or "ai.onnx"; the IR uses "".</summary>
    public static string NormalizeDomain(string domain) => domain == "ai.onnx" ? "" : domain;

    /// <param name="position">1-based position of the node in the file and the node count, for errors.</param>
    public static Node Read(ProtoReader message, int position, int count, ExternalData externalData)
    {
        var name = "";
        var opType = "";
        var domain = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<ProtoReader>();
        MessageScan.Run(
            message,
            () => Describe(position, count, name, opType),
            (field, wireType) =>
            {
                switch (field)
                {
                    case 1: inputs.Add(message.ReadString(wireType)); break;
                    case 2: outputs.Add(message.ReadString(wireType)); break;
                    case 3: name = message.ReadString(wireType); break;
                    case 4: opType = message.ReadString(wireType); break;
                    case 5: attributes.Add(message.ReadMessage(wireType)); break;
                    case 7: domain = message.ReadString(wireType); break;
                    default: message.Skip(field, wireType); break;
                }
            });

        var describe = Describe(position, count, name, opType);
        if (opType.Length == 0)
        {
            throw new ModelException($"{describe} has no operator type (op_type is empty).");
        }

        var node = new Node(name, opType, NormalizeDomain(domain), inputs, outputs);
        foreach (var attributeMessage in attributes)
        {
            var (attributeName, value) = AttributeReader.Read(attributeMessage, describe, externalData);
            if (node.Attributes.ContainsKey(attributeName))
            {
                throw new ModelException($"{describe} has two attributes named '{attributeName}'.");
            }

            node.Attributes.Add(attributeName, value);
        }

        return node;
    }

    private static string Describe(int position, int count, string name, string opType)
    {
        var what = (name.Length > 0, opType.Length > 0) switch
        {
            (true, true) => $" ('{name}', {opType})",
            (true, false) => $" ('{name}')",
            (false, true) => $" ({opType})",
            _ => "",
        };
        return $"Node {position} of {count}{what}";
    }
}
