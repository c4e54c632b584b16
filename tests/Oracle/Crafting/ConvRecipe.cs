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

    private int OutH => Window.Output(Input.H, Kernel.H, Stride.H, Dilation.H, Padding);

    private int OutW => Window.Output(Input.W, Kernel.W, Stride.W, Dilation.W, Padding);

    public byte[] Build(System.Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation([1, Input.H, Input.W, Input.C], In.Scale, In.ZeroPoint);
        var outChannels = Depthwise ? Input.C * DepthMultiplier : OutChannels;
        var (weights, bias) = Depthwise
            ? AddWeightsAndBias(model, random, [1, Kernel.H, Kernel.W, outChannels], 3)
            : AddWeightsAndBias(model, random, [outChannels, Kernel.H, Kernel.W, Input.C], 0);
        var y = model.Activation([1, OutH, OutW, outChannels], Out.Scale, Out.ZeroPoint);
        var options = Depthwise
            ? TfliteOptions.DepthwiseConv2D(Padding, Stride, Dilation, DepthMultiplier, Activation)
            : TfliteOptions.Conv2D(Padding, Stride, Dilation, Activation);
        return model.Operator(Depthwise ? "DEPTHWISE_CONV_2D" : "CONV_2D", options, [x, weights, bias], [y]).Build(x, y);
    }

    /// <summary>The filter of a CONV_2D (not depthwise) as <see cref="Build"/> draws it from a <paramref name="random"/> seeded alike.</summary>
    public QuantizedFilter DrawConvFilter(System.Random random) => Draw(random, [OutChannels, Kernel.H, Kernel.W, Input.C], 0);

    /// <summary>
    /// A CONV_2D's int32 accumulators for one input, [out H, out W, out channels] in order: bias plus the sum of
    /// weight x (input - input zero point) over the window, padding contributing nothing.
    /// </summary>
    public long[] Accumulators(QuantizedFilter filter, sbyte[] input)
    {
        var padH = Window.PadBefore(Input.H, Kernel.H, Stride.H, Dilation.H, Padding);
        var padW = Window.PadBefore(Input.W, Kernel.W, Stride.W, Dilation.W, Padding);
        var sums = new long[OutH * OutW * OutChannels];
        for (var oy = 0; oy < OutH; oy++)
        for (var ox = 0; ox < OutW; ox++)
        for (var oc = 0; oc < OutChannels; oc++)
        {
            long sum = filter.Biases[oc];
            for (var ky = 0; ky < Kernel.H; ky++)
            for (var kx = 0; kx < Kernel.W; kx++)
            {
                var iy = (oy * Stride.H) - padH + (ky * Dilation.H);
                var ix = (ox * Stride.W) - padW + (kx * Dilation.W);
                if (iy < 0 || iy >= Input.H || ix < 0 || ix >= Input.W) continue;
                for (var ic = 0; ic < Input.C; ic++)
                {
                    sum += filter.Weights[(((oc * Kernel.H) + ky) * Kernel.W + kx) * Input.C + ic] * (input[((iy * Input.W) + ix) * Input.C + ic] - In.ZeroPoint);
                }
            }

            sums[((oy * OutW) + ox) * OutChannels + oc] = sum;
        }

        return sums;
    }

    public override string ToString() =>
        $"{Input} -> {(Depthwise ? $"x{DepthMultiplier}" : OutChannels)} ch, kernel {Kernel}, stride {Stride}, dilation {Dilation}, {Padding}; {Quantization}";
}
