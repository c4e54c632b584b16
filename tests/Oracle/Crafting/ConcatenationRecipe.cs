using System;
using System.Linq;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// A CONCATENATION of the graph input x with itself and constants along <see cref="Axis"/>; every tensor shares
/// one quantization, as TFLite requires of int8 inputs.
/// </summary>
public sealed record ConcatenationRecipe : IModelRecipe
{
    /// <summary>The graph input's shape.</summary>
    public required int[] Shape { get; init; }

    /// <summary>The concatenation axis; negative counts from the end.</summary>
    public required int Axis { get; init; }

    /// <summary>The operator's inputs in order: 0 for x, a positive n for a constant of size n along the axis.</summary>
    public required int[] Inputs { get; init; }

    public Int8Tensor Quantization { get; init; } = new(0.1f, -5);

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        var axis = Axis < 0 ? Axis + Shape.Length : Axis;
        var x = model.Activation(Shape, Quantization.Scale, Quantization.ZeroPoint);
        var inputs = Inputs.Select(size => size == 0 ? x : Constant(model, random, WithAxis(axis, size))).ToArray();
        var y = model.Activation(WithAxis(axis, Inputs.Sum(size => size == 0 ? Shape[axis] : size)), Quantization.Scale, Quantization.ZeroPoint);
        return model.Operator("CONCATENATION", TfliteOptions.Concatenation(Axis), inputs, [y]).Build(x, y);
    }

    public override string ToString() =>
        $"[{string.Join(", ", Shape)}] axis {Axis}: {string.Join(", ", Inputs.Select(size => size == 0 ? "x" : $"constant of {size}"))}; {Quantization}";

    private int[] WithAxis(int axis, int size) => Shape.Select((d, i) => i == axis ? size : d).ToArray();

    private int Constant(TfliteModelBuilder model, Random random, int[] shape) =>
        model.Int8Constant(shape, Int8Inputs.Random(random, shape.Aggregate(1, (a, b) => a * b), -128, 127), Quantization.Scale, Quantization.ZeroPoint);
}
