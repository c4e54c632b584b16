using System.Linq;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>A SOFTMAX over the last dimension; the output is quantized as TFLite requires (1/256, -128).</summary>
public sealed record SoftmaxRecipe : IModelRecipe
{
    public required int[] Shape { get; init; }

    public Int8Tensor In { get; init; } = new(0.1f, 0);

    public float Beta { get; init; } = 1f;

    public byte[] Build(System.Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation(Shape, In.Scale, In.ZeroPoint);
        var y = model.Activation(Shape, 1f / 256, -128);
        return model.Operator("SOFTMAX", TfliteOptions.Softmax(Beta), [x], [y]).Build(x, y);
    }

    public override string ToString() => $"[{string.Join(", ", Shape.Select(d => d.ToString()))}], in {In}, beta {Beta}";
}
