using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// One operator from an int8 tensor to an int8 tensor of the same shape: LOGISTIC and TANH, whose output is quantized
/// as TFLite requires (1/256 with zero point -128, 1/128 with 0), or RELU, RELU6 and RELU_N1_TO_1 with any output.
/// </summary>
public sealed record UnaryRecipe : IModelRecipe
{
    public required string Operator { get; init; }

    public required int[] Shape { get; init; }

    public required Int8Tensor In { get; init; }

    /// <summary>The output quantization; LOGISTIC and TANH fix their own.</summary>
    public Int8Tensor Out
    {
        get => Operator switch
        {
            "LOGISTIC" => new(1f / 256, -128),
            "TANH" => new(1f / 128, 0),
            _ => _out ?? throw new InvalidOperationException($"{Operator} needs an output quantization."),
        };
        init => _out = value;
    }

    private readonly Int8Tensor? _out;

    public byte[] Build(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation(Shape, In.Scale, In.ZeroPoint);
        var y = model.Activation(Shape, Out.Scale, Out.ZeroPoint);
        return model.Operator(Operator, options: null, [x], [y]).Build(x, y);
    }

    public override string ToString() => $"{Operator} [{string.Join(", ", Shape)}], in {In}, out {Out}";
}
