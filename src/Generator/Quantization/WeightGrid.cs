using System.Collections.Generic;

namespace QuantizedModels.Generator.Quantization;

/// <summary>
/// The values build-time quantized conv and dense weights may take: symmetric in -MaxLevel..MaxLevel (127 for int8,
/// 7 for int4), one scale per output channel or per tensor, and with <see cref="PowerOfTwoScales"/> each scale rounded
/// up to a power of two.
/// </summary>
internal sealed record WeightGrid(bool PerTensor, int MaxLevel, bool PowerOfTwoScales)
{
    /// <summary>Per-channel int8, TFLite's converter's choice.</summary>
    public static readonly WeightGrid Int8PerChannel = new(false, 127, false);

    /// <summary>Int8 on one scale for the whole tensor (PerTensorWeights).</summary>
    public static readonly WeightGrid Int8PerTensor = new(true, 127, false);

    /// <summary>The grid of layer <paramref name="node"/>: int8's -127..127 when it is one of <paramref name="int8Layers"/> (a [QuantizedLayer] Int8 in an Int4 build), else this one.</summary>
    public WeightGrid ForLayer(string node, ISet<string> int8Layers) => int8Layers.Contains(node) ? this with { MaxLevel = Int8PerChannel.MaxLevel } : this;
}
