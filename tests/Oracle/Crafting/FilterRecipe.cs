using System;
using System.Linq;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// Quantization of a filtering operator (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED): input and output
/// activations, int8 weights in [-WeightMax, WeightMax] with per-tensor or per-channel scales around
/// WeightScale, and int32 biases in [-BiasMax, BiasMax].
/// </summary>
public record FilterRecipe
{
    public Int8Tensor In { get; init; } = new(0.05f, -3);

    public Int8Tensor Out { get; init; } = new(0.5f, 7);

    public float WeightScale { get; init; } = 0.01f;

    public int WeightMax { get; init; } = 127;

    public int BiasMax { get; init; } = 20000;

    public bool PerChannel { get; init; } = true;

    public Activation Activation { get; init; } = Activation.None;

    /// <summary>The real multiplier input scale x weight scale / output scale, before per-channel variation.</summary>
    public double Multiplier => (double)In.Scale * WeightScale / Out.Scale;

    /// <summary>Adds random weights of <paramref name="shape"/> and a bias per output channel; returns their tensor indices.</summary>
    public (int Weights, int Bias) AddWeightsAndBias(TfliteModelBuilder model, Random random, int[] shape, int channelDimension)
    {
        var filter = Draw(random, shape, channelDimension);
        var biasScales = filter.Scales.Select(s => In.Scale * s).ToArray();
        return (model.Weights(shape, filter.Weights, filter.Scales, channelDimension), model.Bias(filter.Biases, biasScales));
    }

    /// <summary>The weights and biases <see cref="AddWeightsAndBias"/> adds, drawn alike from <paramref name="random"/>.</summary>
    public QuantizedFilter Draw(Random random, int[] shape, int channelDimension)
    {
        var channels = shape[channelDimension];
        var scales = PerChannel
            ? Enumerable.Range(0, channels).Select(_ => WeightScale * (float)(0.5 + (1.5 * random.NextDouble()))).ToArray()
            : [WeightScale];
        var weights = Int8Inputs.Random(random, shape.Aggregate(1, (a, b) => a * b), -WeightMax, WeightMax);
        var biases = Enumerable.Range(0, channels).Select(_ => random.Next(-BiasMax, BiasMax + 1)).ToArray();
        return new QuantizedFilter(scales, weights, biases);
    }

    protected string Quantization => $"in {In}, out {Out}, {(PerChannel ? "per-channel" : "per-tensor")} weights ±{WeightMax} x {WeightScale}, multiplier {Multiplier:G3}, {Activation}";
}
