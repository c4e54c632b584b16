using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// A LOGISTIC or TANH; the output is quantized as TFLite requires: logistic 1/256 with zero point -128, tanh 1/128
/// with zero point 0.
/// </summary>
public sealed record SaturatingRecipe : IModelRecipe
{
    /// <summary>"LOGISTIC" or "TANH".</summary>
    public required string Operator { get; init; }

    public required int[] Shape { get; init; }

    public required Int8Tensor In { get; init; }

    public Int8Tensor Out => Operator switch
    {
        "LOGISTIC" => new(1f / 256, -128),
        "TANH" => new(1f / 128, 0),
        _ => throw new InvalidOperationException($"{Operator} is neither LOGISTIC nor TANH."),
    };

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation(Shape, In.Scale, In.ZeroPoint);
        var y = model.Activation(Shape, Out.Scale, Out.ZeroPoint);
        return model.Operator(Operator, options: null, [x], [y]).Build(x, y);
    }

    public override string ToString() => $"{Operator} [{string.Join(", ", Shape)}], in {In}, out {Out}";
}
