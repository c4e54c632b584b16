namespace QuantizedModels.Oracle.Crafting;

/// <summary>Per-tensor quantization of an int8 activation: real = Scale x (q - ZeroPoint).</summary>
public sealed record Int8Tensor(float Scale, int ZeroPoint)
{
    public override string ToString() => $"{Scale}/{ZeroPoint}";
}
