using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// Rewrites a float graph's dense layers (Gemm, MatMul with constant 2-D weights) into the below-eight-bit forms the
/// runtime runs: ternary bit-planes, or compressed sparse rows for pruned layers. Activations stay float32. Each
/// rewrite returns the report sentences that say what it did per layer.
/// </summary>
internal static class LowBitLowering
{
    /// <summary>The operator domain of the lowered nodes; nothing outside the build produces it.</summary>
    public const string Domain = "quantizedmodels.lowbit";

    public const string TernaryGemm = "TernaryGemm";
    public const string SparseGemm = "SparseGemm";

    /// <summary>The attribute holding the layer's input width (the kernel's k).</summary>
    public const string InputsAttribute = "inputs";

    /// <summary>QuantizationScheme.Ternary: every dense layer becomes ternary; a layer with other weights is QM0008.</summary>
    public static string[] Ternary(ModelGraph graph)
    {
        var layers = new List<string>();
        foreach (var node in graph.Nodes.ToList())
        {
            var layer = DenseLayer.From(graph, node);
            if (layer is null)
            {
                if (node.OpType is "Conv" or "Gemm" or "MatMul" && node.Inputs.Skip(1).Any(i => i.Length > 0 && graph.GetValue(i).IsConstant && graph.GetValue(i).ElementCount > 1))
                {
                    throw new ModelException($"QuantizationScheme.Ternary compiles dense layers (Gemm, and MatMul with constant 2-D weights) only; {node.Describe()} is not one. Use QuantizationScheme.Float32 or Int8 for this model.", DiagnosticIds.UnsupportedScheme);
                }

                continue;
            }

            var ternary = TernaryWeights.From(layer.Weights, layer.Out, layer.In);
            Replace(graph, node, TernaryGemm, layer,
                GraphEdits.AddConstant(graph, node.Outputs[0] + "_ternary_planes", new TensorData(ElementType.UInt8, new long[] { ternary.Planes.Length }, ternary.Planes)),
                GraphEdits.AddConstant(graph, node.Outputs[0] + "_ternary_scales", TensorData.FromFloats(new long[] { layer.Out }, ternary.Scales)));
            var how = ternary.ExactChannels == layer.Out ? "exact (trained ternary)" : $"TWN rule on {layer.Out - ternary.ExactChannels}/{layer.Out} channels";
            layers.Add($"'{LayerName(node)}' {layer.Out}x{layer.In} {how}, {Percent(ternary.Zeros, layer.Out * layer.In)} zeros");
        }

        if (layers.Count == 0)
        {
            throw new ModelException("QuantizationScheme.Ternary found no dense layer (Gemm, or MatMul with constant 2-D weights) to make ternary.", DiagnosticIds.UnsupportedScheme);
        }

        return new[] { $"Ternary weights, float32 activations, per layer: {string.Join("; ", layers)}." };
    }

    /// <summary>Float32: dense layers with at least <see cref="SparseWeights.MinimumSparsity"/> exact zeros run sparse; the report lists every dense layer's sparsity.</summary>
    public static string[] Sparse(ModelGraph graph)
    {
        var layers = new List<string>();
        foreach (var node in graph.Nodes.ToList())
        {
            var layer = DenseLayer.From(graph, node);
            if (layer is null) continue;
            var zeros = layer.Weights.Count(w => w == 0f);
            var sparse = zeros >= SparseWeights.MinimumSparsity * layer.Weights.Length && layer.In <= SparseWeights.MaximumInputs;
            layers.Add($"'{LayerName(node)}' {layer.Out}x{layer.In} {Percent(zeros, layer.Weights.Length)} zeros{(sparse ? ", stored sparse" : "")}");
            if (!sparse) continue;
            var csr = SparseWeights.From(layer.Weights, layer.Out, layer.In);
            Replace(graph, node, SparseGemm, layer,
                GraphEdits.AddConstant(graph, node.Outputs[0] + "_sparse_values", TensorData.FromFloats(new long[] { csr.Values.Length }, csr.Values)),
                GraphEdits.AddConstant(graph, node.Outputs[0] + "_sparse_columns", new TensorData(ElementType.UInt16, new long[] { csr.Columns.Length }, Bytes(csr.Columns, sizeof(ushort)))),
                GraphEdits.AddConstant(graph, node.Outputs[0] + "_sparse_rows", new TensorData(ElementType.Int32, new long[] { csr.RowStarts.Length }, Bytes(csr.RowStarts, sizeof(int)))));
        }

        return layers.Any(l => l.EndsWith("stored sparse", StringComparison.Ordinal))
            ? new[] { $"Weight sparsity per dense layer (exact zeros; layers with at least {SparseWeights.MinimumSparsity * 100:0} % zeros are stored and run sparse): {string.Join("; ", layers)}." }
            : new string[0];
    }

    /// <summary>Puts the lowered node where the dense one was: input, its weight constants, the float bias; same output and activation.</summary>
    private static void Replace(ModelGraph graph, Node node, string opType, DenseLayer layer, params string[] weights)
    {
        var bias = GraphEdits.AddConstant(graph, node.Outputs[0] + "_bias", TensorData.FromFloats(new long[] { layer.Out }, layer.Bias));
        var lowered = new Node(node.Name, opType, Domain, new[] { node.Inputs[0] }.Concat(weights).Concat(new[] { bias }), node.Outputs)
        {
            Activation = layer.Activation,
        };
        lowered.Attributes[InputsAttribute] = new AttributeValue { Kind = AttributeKind.Int, Int = layer.In };
        graph.Nodes[graph.Nodes.IndexOf(node)] = lowered;
    }

    private static string LayerName(Node node) => node.Name.Length > 0 ? node.Name : node.Outputs[0];

    private static byte[] Bytes(Array values, int elementSize)
    {
        var bytes = new byte[values.Length * elementSize];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static string Percent(int part, int whole) =>
        (whole == 0 ? 0 : 100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
