using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Pipeline;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// Checks the class's <c>[QuantizedLayer]</c> overrides against the model and the scheme: every one names a node
/// of the model, once, that survives folding and fusion, with a combination this version compiles (Float32 nodes
/// in an ONNX model quantized to Int8 at build time). Anything else is QM0013.
/// </summary>
internal static class LayerSchemes
{
    private const int Float32 = 0;

    /// <param name="quantizedAtBuildTime">Whether the model is an ONNX float model built with Scheme = Int8 (the only host of overrides yet).</param>
    /// <param name="declaredNodes">The node names in the model file, before passes.</param>
    /// <returns>The names of the nodes to compute in float32.</returns>
    public static HashSet<string> FloatNodes(IReadOnlyList<LayerScheme> overrides, bool quantizedAtBuildTime, ISet<string> declaredNodes, ModelGraph graph)
    {
        var result = new HashSet<string>();
        if (overrides.Count == 0) return result;
        if (!quantizedAtBuildTime)
        {
            throw Problem("[QuantizedLayer] overrides apply to ONNX float models built with Scheme = QuantizationScheme.Int8 (and CalibrationData) in this version.");
        }

        foreach (var layer in overrides)
        {
            if (layer.Scheme != Float32)
            {
                throw Problem($"node '{layer.NodeName}': only QuantizationScheme.Float32 can be chosen per node of an Int8 model in this version.");
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

            if (!result.Add(layer.NodeName)) throw Problem($"node '{layer.NodeName}' is named by two [QuantizedLayer] attributes.");
        }

        if (graph.Nodes.Any(n => result.Contains(n.Name) && n.Outputs.Count != 1))
        {
            throw Problem("a node kept in float32 must have one output.");
        }

        return result;
    }

    private static ModelException Problem(string message) => new(message, DiagnosticIds.LayerScheme);
}
