using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Planning;

/// <summary>Ops whose output has the same elements in the same order as their input: they move no data.</summary>
internal static class AliasOps
{
    public static bool IsAlias(Node node) => node.Domain switch
    {
        "" => node.OpType is "Reshape" or "Flatten" or "Squeeze" or "Unsqueeze" or "Identity" or "Dropout",
        "tflite" => node.OpType is "RESHAPE",
        _ => false,
    };
}
