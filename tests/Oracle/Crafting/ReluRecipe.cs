using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>A standalone RELU, RELU6 or RELU_N1_TO_1, which may requantize to different output parameters.</summary>
public sealed record ReluRecipe : IModelRecipe
{
    /// <summary>"RELU", "RELU6" or "RELU_N1_TO_1".</summary>
    public required string Operator { get; init; }

    public required int[] Shape { get; init; }

    public required Int8Tensor In { get; init; }

    public required Int8Tensor Out { get; init; }

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation(Shape, In.Scale, In.ZeroPoint);
        var y = model.Activation(Shape, Out.Scale, Out.ZeroPoint);
        return model.Operator(Operator, options: null, [x], [y]).Build(x, y);
    }

    public override string ToString() => $"{Operator} [{string.Join(", ", Shape)}], in {In}, out {Out}";
}
