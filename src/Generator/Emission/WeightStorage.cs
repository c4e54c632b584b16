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
}
