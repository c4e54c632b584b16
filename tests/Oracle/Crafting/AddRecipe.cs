using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>What an ADD adds to the graph input x.</summary>
public enum AddOperand
{
    /// <summary>x + x: both inputs are the one graph input.</summary>
    Itself,

    /// <summary>x + c: c a constant int8 tensor quantized as <see cref="AddRecipe.Second"/>.</summary>
    Constant,

    /// <summary>x + conv(x): c the output of a 1x1 CONV_2D of x quantized as <see cref="AddRecipe.Second"/>.</summary>
    Convolution,
}

/// <summary>An ADD of two [1, H, W, C] int8 tensors of equal shape.</summary>
public sealed record AddRecipe : IModelRecipe
{
    public required (int H, int W, int C) Shape { get; init; }

    public required AddOperand Operand { get; init; }

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
            AddOperand.Itself => x,
            AddOperand.Constant => model.Int8Constant(shape, Int8Inputs.Random(random, Shape.H * Shape.W * Shape.C, -128, 127), Second.Scale, Second.ZeroPoint),
            _ => Convolution(model, random, x),
        };
        var y = model.Activation(shape, Out.Scale, Out.ZeroPoint);
        return model.Operator("ADD", TfliteOptions.Add(Activation), [x, second], [y]).Build(x, y);
    }

    public override string ToString() => $"{Shape}, x + {Operand}; in {In}, second {Second}, out {Out}, {Activation}";

    private int Convolution(TfliteModelBuilder model, Random random, int x)
    {
        var conv = new ConvRecipe { Input = Shape, OutChannels = Shape.C, Kernel = (1, 1), In = In, Out = Second };
        var (weights, bias) = conv.AddWeightsAndBias(model, random, [Shape.C, 1, 1, Shape.C], 0);
        var c = model.Activation([1, Shape.H, Shape.W, Shape.C], Second.Scale, Second.ZeroPoint);
        model.Operator("CONV_2D", TfliteOptions.Conv2D(Padding.Same, (1, 1), (1, 1), Activation.None), [x, weights, bias], [c]);
        return c;
    }
}
