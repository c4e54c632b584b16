namespace QuantizedModels.Generator.Emission;

/// <summary>How the weights of float layers (Conv, Gemm, MatMul with constant B) are baked into the assembly.</summary>
internal enum WeightStorage
{
    /// <summary>As float32, read by the kernels in place.</summary>
    Float32,

    /// <summary>As IEEE binary16 (Scheme = Float16), widened to float32 per layer.</summary>
    Float16,

    /// <summary>As symmetric int8 with a float scale per output channel (Scheme = Int8WeightOnly), dequantized per layer.</summary>
    Int8PerChannel,

    /// <summary>
    /// As symmetric int8 on one scale for the whole tensor (Int8WeightOnly with PerTensorWeights); the scale is
    /// repeated per output channel so the same decoding kernels serve both int8 storages.
    /// </summary>
    Int8PerTensor,
}

/// <summary>Which runtime decoding kernels read each storage.</summary>
internal static class WeightStorageDecoders
{
    /// <summary>
    /// The suffix of the <c>WeightDecoding</c> and <c>DecodedGemm.Run</c> kernels for <paramref name="storage"/>:
    /// per-tensor int8 repeats its one scale per channel, so it is decoded by the per-channel kernels.
    /// </summary>
    public static string Decoder(this WeightStorage storage) => (storage == WeightStorage.Int8PerTensor ? WeightStorage.Int8PerChannel : storage).ToString();
}
