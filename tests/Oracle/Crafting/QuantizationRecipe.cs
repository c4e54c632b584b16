using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// A QUANTIZE (float to int8, or int8 to int8 with other parameters) or a DEQUANTIZE (int8 to float): the operator
/// follows from which side is float, a null quantization.
/// </summary>
public sealed record QuantizationRecipe : IModelRecipe
{
    public required int[] Shape { get; init; }

    /// <summary>The int8 input's quantization; null for a float input.</summary>
    public required Int8Tensor? In { get; init; }

    /// <summary>The int8 output's quantization; null for a float output.</summary>
    public required Int8Tensor? Out { get; init; }

    public string Operator => Out is null ? "DEQUANTIZE" : "QUANTIZE";

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = Tensor(model, In);
        var y = Tensor(model, Out);
        return model.Operator(Operator, options: null, [x], [y]).Build(x, y);
    }

    public override string ToString() => $"{Operator} [{string.Join(", ", Shape)}], in {In?.ToString() ?? "float"}, out {Out?.ToString() ?? "float"}";

    private int Tensor(TfliteModelBuilder model, Int8Tensor? quantization) =>
        quantization is null ? model.FloatActivation(Shape) : model.Activation(Shape, quantization.Scale, quantization.ZeroPoint);
}
