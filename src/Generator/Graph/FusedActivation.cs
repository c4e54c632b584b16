namespace QuantizedModels.Generator.Graph;

internal enum ActivationKind
{
    Relu,
    Clip,
    LeakyRelu,
}

/// <summary>An elementwise activation applied to a node's output as it is written.</summary>
internal sealed record FusedActivation(ActivationKind Kind, float Min, float Max, float Alpha);
