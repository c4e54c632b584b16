namespace QuantizedModels.Oracle.Crafting;

/// <summary>A filter's int8 weights with their scales (one, or one per output channel) and its int32 biases.</summary>
public sealed record QuantizedFilter(float[] Scales, sbyte[] Weights, int[] Biases);
