using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes;

/// <summary>The float graph passes, in the order each one's result is the next one's input.</summary>
internal static class PassPipeline
{
    public static void Run(ModelGraph graph)
    {
        TopologicalSort.Run(graph);
        ShapePropagation.Run(graph);
        IdentityElimination.Run(graph);
        GemmLowering.Run(graph);
        DeadNodeRemoval.Run(graph);
        BatchNormFolding.Run(graph);
        ActivationFusion.Run(graph);
        DeadNodeRemoval.Run(graph);
    }
}
