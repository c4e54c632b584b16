using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Passes;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// Rewrites a float graph's dense layers (Gemm, MatMul with constant 2-D weights) and, in the ternary and binary
/// schemes, its ungrouped convolutions into the below-eight-bit forms the runtime runs: ternary bit-planes, or
/// compressed sparse rows for pruned layers. Activations stay float32. Each
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

    public const string XnorGemm = "XnorGemm";

    /// <summary>The runtime XnorGemm's MaximumInputs: its sign masks live on the stack.</summary>
    private const int XnorMaximumInputs = 4096;

    /// <summary>
    /// QuantizationScheme.Ternary: every dense layer not in <paramref name="floatNodes"/> becomes ternary; another
    /// weighted layer is QM0008 unless kept float.
    /// </summary>
    public static string[] Ternary(ModelGraph graph, ISet<string> floatNodes) => LowerDenseLayers(graph, floatNodes, "Ternary", (node, layer) =>
    {
        var ternary = TernaryWeights.From(layer.Weights, layer.Out, layer.In);
        ReplaceWithTernary(graph, node, layer, ternary);
        var how = ternary.ExactChannels == layer.Out ? "exact (trained ternary)" : $"TWN rule on {layer.Out - ternary.ExactChannels}/{layer.Out} channels";
        return $"{how}, {Percent(ternary.Zeros, layer.Out * layer.In)} zeros";
    });

    /// <summary>
    /// QuantizationScheme.Binary: every dense layer not in <paramref name="floatNodes"/> becomes binary; one fed by a
    /// Sign node takes the Sign's input and runs XNOR/popcount, the others add and subtract their float inputs (the
    /// ternary kernel without zeros).
    /// </summary>
    public static string[] Binary(ModelGraph graph, ISet<string> floatNodes) => LowerDenseLayers(graph, floatNodes, "Binary", (node, layer) =>
    {
        var binary = BinaryWeights.From(layer.Weights, layer.Out, layer.In);
        var how = binary.ExactChannels == layer.Out ? "exact (trained binary)" : $"sign x mean|w| on {layer.Out - binary.ExactChannels}/{layer.Out} channels";
        var sign = GraphEdits.Producer(graph, node.Inputs[0]);
        if (sign is not { OpType: "Sign", Domain: "" } || layer.In > XnorMaximumInputs || node.OpType == "Conv")
        {
            ReplaceWithTernary(graph, node, layer, TernaryWeights.From(binary.Values, layer.Out, layer.In));
            return how + ", float inputs";
        }

        var bits = binary.Bits();
        var input = node.Inputs[0];
        var xnor = Replace(graph, node, XnorGemm, layer,
            GraphEdits.AddConstant(graph, node.Outputs[0] + "_binary_bits", new TensorData(ElementType.UInt64, new long[] { bits.Length }, Bytes(bits, sizeof(ulong)))),
            GraphEdits.AddConstant(graph, node.Outputs[0] + "_binary_scales", TensorData.FromFloats(new long[] { layer.Out }, binary.Scales)));
        xnor.Inputs[0] = sign.Inputs[0];
        if (GraphEdits.ConsumerCount(graph, input) == 0) graph.Nodes.Remove(sign);
        return how + ", XNOR/popcount on the signs of its input (Sign fused)";
    });

    /// <summary>
    /// Runs <paramref name="lower"/> on every dense layer, which rewrites it and says how; other weighted layers are
    /// QM0008. Layers in <paramref name="floatNodes"/> ([QuantizedLayer] Float32) stay as they are.
    /// </summary>
    private static string[] LowerDenseLayers(ModelGraph graph, ISet<string> floatNodes, string scheme, Func<Node, DenseLayer, string> lower)
    {
        var layers = new List<string>();
        foreach (var node in graph.Nodes.ToList())
        {
            if (floatNodes.Contains(node.Name))
            {
                layers.Add($"'{LayerName(node)}' kept float32 ([QuantizedLayer])");
                continue;
            }

            var layer = DenseLayer.From(graph, node) ?? LowBitConv.AsLayer(graph, node);
            if (layer is null)
            {
                if (node.OpType is "Conv" or "Gemm" or "MatMul" && node.Inputs.Skip(1).Any(i => i.Length > 0 && graph.GetValue(i).IsConstant && graph.GetValue(i).ElementCount > 1))
                {
                    throw new ModelException($"QuantizationScheme.{scheme} compiles dense layers (Gemm, and MatMul with constant 2-D weights) and ungrouped convolutions with constant weights, at most {LowBitConv.MaximumWindow} inputs a window and {LowBitConv.MaximumOutChannels} output channels; {node.Describe()} is not one. Keep it float with [QuantizedLayer(node, QuantizationScheme.Float32)], or use QuantizationScheme.Float32 or Int8 for this model.", DiagnosticIds.UnsupportedScheme);
                }

                continue;
            }

            var kind = node.OpType == "Conv" ? "conv " : "";
            layers.Add($"'{LayerName(node)}' {kind}{layer.Out}x{layer.In} {lower(node, layer)}");
        }

        if (layers.Count == floatNodes.Count)
        {
            throw new ModelException($"QuantizationScheme.{scheme} found no dense layer (Gemm, or MatMul with constant 2-D weights) to quantize.", DiagnosticIds.UnsupportedScheme);
        }

        return new[] { $"{scheme} weights, float32 activations, per layer: {string.Join("; ", layers)}." };
    }

    private static Node ReplaceWithTernary(ModelGraph graph, Node node, DenseLayer layer, TernaryWeights ternary) =>
        node.OpType == "Conv" ? LowBitConv.Replace(graph, node, layer, ternary, Domain) : Replace(graph, node, TernaryGemm, layer,
            GraphEdits.AddConstant(graph, node.Outputs[0] + "_ternary_planes", new TensorData(ElementType.UInt8, new long[] { ternary.Planes.Length }, ternary.Planes)),
            GraphEdits.AddConstant(graph, node.Outputs[0] + "_ternary_scales", TensorData.FromFloats(new long[] { layer.Out }, ternary.Scales)));

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
    private static Node Replace(ModelGraph graph, Node node, string opType, DenseLayer layer, params string[] weights)
    {
        var bias = GraphEdits.AddConstant(graph, node.Outputs[0] + "_bias", TensorData.FromFloats(new long[] { layer.Out }, layer.Bias));
        var lowered = new Node(node.Name, opType, Domain, new[] { node.Inputs[0] }.Concat(weights).Concat(new[] { bias }), node.Outputs)
        {
            Activation = layer.Activation,
        };
        lowered.Attributes[InputsAttribute] = new AttributeValue { Kind = AttributeKind.Int, Int = layer.In };
        graph.Nodes[graph.Nodes.IndexOf(node)] = lowered;
        return lowered;
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
