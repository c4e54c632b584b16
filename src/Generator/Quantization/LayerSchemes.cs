using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Pipeline;

namespace QuantizedModels.Generator.Quantization;

/// <summary>The nodes a class's <c>[QuantizedLayer]</c> overrides take out of the build's scheme.</summary>
/// <param name="Float">Nodes computed in float32 with their float weights.</param>
/// <param name="Int8Weights">Conv and dense layers of an Int4 build that keep int8 weights (-127..127).</param>
internal sealed record LayerOverrides(HashSet<string> Float, HashSet<string> Int8Weights);

/// <summary>
/// Checks the class's <c>[QuantizedLayer]</c> overrides against the model and the scheme: every one names a node
/// of the model, once, that survives folding and fusion, with a combination this version compiles: Float32 nodes in
/// an ONNX float model built with Scheme = Int8, Int4, Ternary or Binary, and Int8 layers in an Int4 build.
/// Anything else is QM0013.
/// </summary>
internal static class LayerSchemes
{
    private const int Float32 = 0, Int8 = 1, Ternary = 4, Binary = 5, Int4 = 6;

    /// <param name="buildScheme">The scheme an ONNX float model is built with; null when the model brings its own quantization (QDQ, TensorFlow Lite).</param>
    /// <param name="declaredNodes">The node names in the model file, before passes.</param>
    public static LayerOverrides Resolve(IReadOnlyList<LayerScheme> overrides, int? buildScheme, ISet<string> declaredNodes, ModelGraph graph)
    {
        var result = new LayerOverrides(new HashSet<string>(), new HashSet<string>());
        if (overrides.Count == 0) return result;
        if (buildScheme is not (Int8 or Int4 or Ternary or Binary))
        {
            throw Problem("[QuantizedLayer] overrides apply to ONNX float models built with Scheme = QuantizationScheme.Int8 or Int4 (and CalibrationData), Ternary or Binary in this version.");
        }

        foreach (var layer in overrides)
        {
            if (!(layer.Scheme == Float32 || (layer.Scheme == Int8 && buildScheme == Int4)))
            {
                throw Problem(buildScheme == Int4
                    ? $"node '{layer.NodeName}': only QuantizationScheme.Float32 or Int8 can be chosen per node of an Int4 model in this version."
                    : $"node '{layer.NodeName}': only QuantizationScheme.Float32 can be chosen per node of {(buildScheme == Int8 ? "an Int8" : buildScheme == Ternary ? "a Ternary" : "a Binary")} model in this version.");
            }

            if (!declaredNodes.Contains(layer.NodeName))
            {
                var known = string.Join(", ", declaredNodes.Where(n => n.Length > 0).Take(12).Select(n => $"'{n}'"));
                throw Problem($"the model has no node named '{layer.NodeName}'; its nodes include {known}.");
            }

            if (!graph.Nodes.Any(n => n.Name == layer.NodeName))
            {
                throw Problem($"node '{layer.NodeName}' does not remain after folding and fusion (an activation fused into the layer before it, a folded BatchNorm or constant, or a removed Identity); override the layer it became part of.");
            }

            if (result.Float.Contains(layer.NodeName) || result.Int8Weights.Contains(layer.NodeName))
            {
                throw Problem($"node '{layer.NodeName}' is named by two [QuantizedLayer] attributes.");
            }

            (layer.Scheme == Float32 ? result.Float : result.Int8Weights).Add(layer.NodeName);
        }

        if (graph.Nodes.Any(n => result.Float.Contains(n.Name) && n.Outputs.Count != 1))
        {
            throw Problem("a node kept in float32 must have one output.");
        }

        if (graph.Nodes.FirstOrDefault(n => result.Int8Weights.Contains(n.Name) && !(n.OpType is "Conv" or "Gemm" or "MatMul")) is { } unweighted)
        {
            throw Problem($"node '{unweighted.Name}' ({unweighted.OpType}) has no conv or dense weights to keep at int8; QuantizationScheme.Int8 applies to Conv, Gemm and MatMul nodes of an Int4 model.");
        }

        return result;
    }

    private static ModelException Problem(string message) => new(message, DiagnosticIds.LayerScheme);
}
