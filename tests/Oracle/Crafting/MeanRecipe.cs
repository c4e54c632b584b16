using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// A MEAN over height and width of a [N, H, W, C] tensor with keep_dims, the axes [1, 2] a constant int32 input as
/// the converter writes them: output [N, 1, 1, C].
/// </summary>
public sealed record MeanRecipe : IModelRecipe
{
    public int Batch { get; init; } = 1;

    public required (int H, int W, int C) Input { get; init; }

    public Int8Tensor In { get; init; } = new(0.1f, -5);

    public Int8Tensor Out { get; init; } = new(0.1f, -5);

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation([Batch, Input.H, Input.W, Input.C], In.Scale, In.ZeroPoint);
        var y = model.Activation([Batch, 1, 1, Input.C], Out.Scale, Out.ZeroPoint);
        return model.Operator("MEAN", TfliteOptions.Reducer(keepDims: true), [x, model.Int32Constant([1, 2])], [y]).Build(x, y);
    }

    public override string ToString() => $"batch {Batch}, {Input}, in {In}, out {Out}";
}
