using System.Collections.Generic;
using System.Text;
using QuantizedModels.Generator.Graph;
using static QuantizedModels.Generator.Reading.Tflite.TfliteSchema;

namespace QuantizedModels.Generator.Reading.Tflite;

/// <summary>
/// Reads a TensorFlow Lite model (flatbuffer, schema version 3) into the graph IR: one value per tensor of
/// subgraph 0, one node per operator in execution order. Further subgraphs are accepted only while no
/// operator of subgraph 0 runs them, and are then not read.
/// </summary>
internal static class TfliteReader
{
    private const int IdentifierOffset = 4;

    /// <param name="model">The model file's exact bytes.</param>
    /// <exception cref="ModelException">The bytes are not a readable TFLite model; the message says where.</exception>
    public static ModelGraph Read(byte[] model)
    {
        CheckIdentifier(model);
        var file = new FlatBufferReader(model);
        var root = TfliteSection.Read(() => "The model's root table", file.Root);
        var version = TfliteSection.Read(() => "The model's root table", () => root.GetUInt32(Model.Version, 0));
        if (version != TfliteSchema.Version)
        {
            throw new ModelException($"The model uses TensorFlow Lite schema version {version}; only version {TfliteSchema.Version} is supported.");
        }

        var graph = new ModelGraph();
        graph.OpsetImports[TfliteOperatorCodes.BuiltinDomain] = version;
        var (kinds, buffers, subgraph, subgraphCount) = TfliteSection.Read(() => "The model's root table", () =>
        {
            graph.Producer = root.GetString(Model.Description) ?? "";
            var subgraphs = root.GetVector(Model.Subgraphs, 4);
            if (subgraphs is not { Count: > 0 } list)
            {
                throw new ModelException("The model has no subgraphs, so there is nothing to compile.");
            }

            return (TfliteOperatorCodes.Read(root.GetVector(Model.OperatorCodes, 4)), new TfliteBuffers(root.GetVector(Model.Buffers, 4)), list.GetTable(0), list.Count);
        });

        ReadSubgraph(subgraph, subgraphCount, kinds, buffers, graph);
        return graph;
    }

    private static void CheckIdentifier(byte[] model)
    {
        if (model.Length < IdentifierOffset + FileIdentifier.Length)
        {
            throw new ModelException($"The file is {model.Length} bytes long, too short to be a TensorFlow Lite model.");
        }

        var identifier = Encoding.ASCII.GetString(model, IdentifierOffset, FileIdentifier.Length);
        if (identifier != FileIdentifier)
        {
            throw new ModelException($"The file does not carry the TensorFlow Lite identifier '{FileIdentifier}' at bytes 4 to 7, so it is not a TensorFlow Lite model of schema version 3.");
        }
    }

    private static void ReadSubgraph(FlatTable subgraph, int subgraphCount, IReadOnlyList<TfliteOperatorKind> kinds, TfliteBuffers buffers, ModelGraph graph)
    {
        const string describeSubgraph = "Subgraph 0";
        var tensorTables = TfliteSection.Read(() => describeSubgraph, () =>
        {
            graph.Name = subgraph.GetString(SubGraph.Name) ?? "";
            return subgraph.GetVector(SubGraph.Tensors, 4) ?? default;
        });

        var tensors = new FlatTable[tensorTables.Count];
        var fileNames = new string[tensorTables.Count];
        for (var i = 0; i < tensors.Length; i++)
        {
            var index = i;
            tensors[i] = TfliteSection.Read(() => $"Tensor {index}", () => tensorTables.GetTable(index));
            fileNames[i] = TfliteSection.Read(() => $"Tensor {index}", () => tensors[index].GetString(TfliteSchema.Tensor.Name) ?? "");
        }

        var names = TensorNames.MakeUnique(fileNames);
        for (var i = 0; i < tensors.Length; i++)
        {
            var describe = $"Tensor {i} ('{fileNames[i]}')";
            var index = i;
            graph.AddValue(TfliteSection.Read(() => describe, () => TfliteTensorReader.Read(tensors[index], names[index], describe, buffers)));
        }

        var operators = TfliteSection.Read(() => describeSubgraph, () => subgraph.GetVector(SubGraph.Operators, 4) ?? default);
        for (var i = 0; i < operators.Count; i++)
        {
            var index = i;
            var node = TfliteSection.Read(() => TfliteOperatorReader.Describe(index, null), () => TfliteOperatorReader.Read(operators.GetTable(index), index, kinds, names));
            if (subgraphCount > 1 && TfliteBuiltinOperators.CallsSubgraphs(node.OpType) && node.Domain == TfliteOperatorCodes.BuiltinDomain)
            {
                throw new ModelException($"The model has {subgraphCount} subgraphs and operator {index} ({node.OpType}) of subgraph 0 runs another; only single-subgraph models are supported.");
            }

            graph.Nodes.Add(node);
        }

        TfliteSection.Read(() => describeSubgraph, () =>
        {
            foreach (var input in TensorReferences.Resolve(subgraph.GetVector(SubGraph.Inputs, 4), names, allowOmitted: false, describeSubgraph, "inputs"))
            {
                // Constants are never fed at run time, whatever the input list says.
                if (!graph.GetValue(input).IsConstant)
                {
                    graph.Inputs.Add(input);
                }
            }

            graph.Outputs.AddRange(TensorReferences.Resolve(subgraph.GetVector(SubGraph.Outputs, 4), names, allowOmitted: false, describeSubgraph, "outputs"));
            return graph;
        });
    }
}
