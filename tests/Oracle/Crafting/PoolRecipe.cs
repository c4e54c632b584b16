namespace QuantizedModels.Oracle.Crafting;

/// <summary>A MAX_POOL_2D or AVERAGE_POOL_2D on a [1, H, W, C] input; input and output share their quantization.</summary>
public sealed record PoolRecipe : IModelRecipe
{
    public required string Operator { get; init; }

    public required (int H, int W, int C) Input { get; init; }

    public required (int H, int W) Filter { get; init; }

    public (int H, int W) Stride { get; init; } = (1, 1);

    public Padding Padding { get; init; } = Padding.Valid;

    public Activation Activation { get; init; } = Activation.None;

    public Int8Tensor Quantization { get; init; } = new(0.1f, -5);

    public byte[] Build(System.Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation([1, Input.H, Input.W, Input.C], Quantization.Scale, Quantization.ZeroPoint);
        var outH = Window.Output(Input.H, Filter.H, Stride.H, 1, Padding);
        var outW = Window.Output(Input.W, Filter.W, Stride.W, 1, Padding);
        var y = model.Activation([1, outH, outW, Input.C], Quantization.Scale, Quantization.ZeroPoint);
        return model.Operator(Operator, TfliteOptions.Pool2D(Padding, Stride, Filter, Activation), [x], [y]).Build(x, y);
    }

    public override string ToString() => $"{Input}, filter {Filter}, stride {Stride}, {Padding}, {Quantization}, {Activation}";
}
