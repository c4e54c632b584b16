using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>What an ADD or MUL combines the graph input x with.</summary>
public enum Operand
{
    /// <summary>x op x: both inputs are the one graph input.</summary>
    Itself,

    /// <summary>x op c: c a constant int8 tensor quantized as <see cref="ElementwiseRecipe.Second"/>.</summary>
    Constant,

    /// <summary>x op conv(x): c the output of a 1x1 CONV_2D of x quantized as <see cref="ElementwiseRecipe.Second"/>.</summary>
    Convolution,

    /// <summary>x op q(x): q x requantized (an int8 QUANTIZE) to <see cref="ElementwiseRecipe.Second"/>, so a second tensor without CONV_2D's rounding.</summary>
    Requantized,

    /// <summary>x op c: c a constant [1, 1, 1, C] int8 tensor (one value per channel) broadcast over every pixel.</summary>
    ChannelConstant,
}

/// <summary>An ADD or MUL of a [1, H, W, C] int8 tensor and a second of equal shape or, broadcast, of one value per channel.</summary>
public sealed record ElementwiseRecipe : IModelRecipe
{
    /// <summary>"ADD" or "MUL".</summary>
    public required string Operator { get; init; }

    public required (int H, int W, int C) Shape { get; init; }

    public required Operand Operand { get; init; }

    public Int8Tensor In { get; init; } = new(0.05f, -3);

    public Int8Tensor Second { get; init; } = new(0.08f, 10);

    public Int8Tensor Out { get; init; } = new(0.1f, -1);

    public Activation Activation { get; init; } = Activation.None;

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        int[] shape = [1, Shape.H, Shape.W, Shape.C];
        var x = model.Activation(shape, In.Scale, In.ZeroPoint);
        var second = Operand switch
        {
            Operand.Itself => x,
            Operand.Constant => model.Int8Constant(shape, Int8Inputs.Random(random, Shape.H * Shape.W * Shape.C, -128, 127), Second.Scale, Second.ZeroPoint),
            Operand.Convolution => Convolution(model, random, x),
            Operand.ChannelConstant => model.Int8Constant([1, 1, 1, Shape.C], Int8Inputs.Random(random, Shape.C, -128, 127), Second.Scale, Second.ZeroPoint),
            _ => Requantized(model, x, shape),
        };
        var y = model.Activation(shape, Out.Scale, Out.ZeroPoint);
        return model.Operator(Operator, TfliteOptions.Elementwise(Operator, Activation), [x, second], [y]).Build(x, y);
    }

    public override string ToString() => $"{Shape}, x {Operator} {Operand}; in {In}, second {Second}, out {Out}, {Activation}";

    private int Requantized(TfliteModelBuilder model, int x, int[] shape)
    {
        var q = model.Activation(shape, Second.Scale, Second.ZeroPoint);
        model.Operator("QUANTIZE", options: null, [x], [q]);
        return q;
    }

    private int Convolution(TfliteModelBuilder model, Random random, int x)
    {
        var conv = new ConvRecipe { Input = Shape, OutChannels = Shape.C, Kernel = (1, 1), In = In, Out = Second };
        var (weights, bias) = conv.AddWeightsAndBias(model, random, [Shape.C, 1, 1, Shape.C], 0);
        var c = model.Activation([1, Shape.H, Shape.W, Shape.C], Second.Scale, Second.ZeroPoint);
        model.Operator("CONV_2D", TfliteOptions.Conv2D(Padding.Same, (1, 1), (1, 1), Activation.None), [x, weights, bias], [c]);
        return c;
    }
}
