namespace QuantizedModels.Oracle.Crafting;

/// <summary>A CONV_2D or DEPTHWISE_CONV_2D on a [1, H, W, C] input.</summary>
public sealed record ConvRecipe : FilterRecipe, IModelRecipe
{
    public required (int H, int W, int C) Input { get; init; }

    /// <summary>CONV_2D's output channels; 0 makes the operator DEPTHWISE_CONV_2D.</summary>
    public int OutChannels { get; init; }

    public int DepthMultiplier { get; init; } = 1;

    public (int H, int W) Kernel { get; init; } = (3, 3);

    public (int H, int W) Stride { get; init; } = (1, 1);

    public (int H, int W) Dilation { get; init; } = (1, 1);

    public Padding Padding { get; init; } = Padding.Same;

    private bool Depthwise => OutChannels == 0;

    public byte[] Build(System.Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation([1, Input.H, Input.W, Input.C], In.Scale, In.ZeroPoint);
        var outChannels = Depthwise ? Input.C * DepthMultiplier : OutChannels;
        var (weights, bias) = Depthwise
            ? AddWeightsAndBias(model, random, [1, Kernel.H, Kernel.W, outChannels], 3)
            : AddWeightsAndBias(model, random, [outChannels, Kernel.H, Kernel.W, Input.C], 0);
        var outH = Window.Output(Input.H, Kernel.H, Stride.H, Dilation.H, Padding);
        var outW = Window.Output(Input.W, Kernel.W, Stride.W, Dilation.W, Padding);
        var y = model.Activation([1, outH, outW, outChannels], Out.Scale, Out.ZeroPoint);
        var options = Depthwise
            ? TfliteOptions.DepthwiseConv2D(Padding, Stride, Dilation, DepthMultiplier, Activation)
            : TfliteOptions.Conv2D(Padding, Stride, Dilation, Activation);
        return model.Operator(Depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D", options, [x, weights, bias], [y]).Build(x, y);
    }

    public override string ToString() =>
        $"{Input} -> {(Depthwise ? $"x{DepthMultiplier}" : OutChannels)} ch, kernel {Kernel}, stride {Stride}, dilation {Dilation}, {Padding}; {Quantization}";
}
