using System;
using System.Linq;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>A PAD with constant [rank, 2] paddings, or a PADV2 with a constant int8 fill; input and output quantized alike.</summary>
public sealed record PadRecipe : IModelRecipe
{
    public required int[] Shape { get; init; }

    /// <summary>Before and after each dimension: [b0, a0, b1, a1, ...], TFLite's order.</summary>
    public required int[] Paddings { get; init; }

    public Int8Tensor Quantization { get; init; } = new(0.1f, -5);

    /// <summary>PADV2's fill; null for PAD, which fills with the zero point.</summary>
    public sbyte? Fill { get; init; }

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        var outShape = Shape.Select((d, i) => d + Paddings[2 * i] + Paddings[2 * i + 1]).ToArray();
        var x = model.Activation(Shape, Quantization.Scale, Quantization.ZeroPoint);
        var paddings = model.Int32Constant(Paddings, [Shape.Length, 2]);
        var y = model.Activation(outShape, Quantization.Scale, Quantization.ZeroPoint);
        if (Fill is sbyte fill)
        {
            var value = model.Int8Constant([], [fill], Quantization.Scale, Quantization.ZeroPoint);
            return model.Operator("PADV2", options: null, [x, paddings, value], [y]).Build(x, y);
        }

        return model.Operator("PAD", options: null, [x, paddings], [y]).Build(x, y);
    }

    public override string ToString() => $"{(Fill is null ? "PAD" : "PADV2")} [{string.Join(", ", Shape)}] by [{string.Join(", ", Paddings)}], {Quantization}";
}
