using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>
/// The passes for a TensorFlow Lite graph, whose tensors arrive with shapes and quantization already decided:
/// order, pin the batch dimension, drop what does not reach an output.
/// </summary>
internal static class TflitePassPipeline
{
    public static void Run(ModelGraph graph)
    {
        TopologicalSort.Run(graph);
        PinBatchDimension(graph);
        DeadNodeRemoval.Run(graph);
    }

    /// <summary>TFLite marks a run-time batch as -1 in the shape signature of every tensor it flows through; it is 1 here.</summary>
    private static void PinBatchDimension(ModelGraph graph)
    {
        foreach (var value in graph.Values.Values.Where(v => v.Dims is not null))
        {
            var dims = value.Dims!;
            if (dims.Length > 0 && dims[0] < 0) dims[0] = 1;
            var dynamic = System.Array.FindIndex(dims, d => d < 0);
            if (dynamic >= 0)
            {
                throw new ModelException($"Tensor '{value.Name}' has dynamic dimension {dynamic} in shape {Shape.Format(dims)}; only a leading batch dimension is pinned (to 1). Convert the model with fixed sizes.", DiagnosticIds.DynamicDimension);
            }
        }
    }
}
