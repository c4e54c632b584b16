using System;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>A FULLY_CONNECTED from [Batch, InFeatures] to [Batch, OutFeatures].</summary>
public sealed record FullyConnectedRecipe : FilterRecipe, IModelRecipe
{
    public int Batch { get; init; } = 1;

    public required int InFeatures { get; init; }

    public required int OutFeatures { get; init; }

    public byte[] Build(Random random) => Build(random, asConvolution: false);

    /// <summary>
    /// TFLite 2.9's FULLY_CONNECTED reads per-tensor weight scales only (per-channel support came in 2024), so
    /// per-channel weights run there as the 1x1 CONV_2D with the same weights, whose per-channel arithmetic
    /// is the one TFLite's per-channel FULLY_CONNECTED later adopted.
    /// </summary>
    public byte[] BuildForInterpreter(Random random) => Build(random, asConvolution: PerChannel);

    public override string ToString() => $"[{Batch}, {InFeatures}] -> {OutFeatures}; {Quantization}";

    private byte[] Build(Random random, bool asConvolution)
    {
        var model = new TfliteModelBuilder();
        var x = model.Activation(asConvolution ? [Batch, 1, 1, InFeatures] : [Batch, InFeatures], In.Scale, In.ZeroPoint);
        var (weights, bias) = AddWeightsAndBias(model, random, asConvolution ? [OutFeatures, 1, 1, InFeatures] : [OutFeatures, InFeatures], 0);
        var y = model.Activation(asConvolution ? [Batch, 1, 1, OutFeatures] : [Batch, OutFeatures], Out.Scale, Out.ZeroPoint);
        return asConvolution
            ? model.Operator("CONV_2D", TfliteOptions.Conv2D(Padding.Valid, (1, 1), (1, 1), Activation), [x, weights, bias], [y]).Build(x, y)
            : model.Operator("FULLY_CONNECTED", TfliteOptions.FullyConnected(Activation), [x, weights, bias], [y]).Build(x, y);
    }
}
