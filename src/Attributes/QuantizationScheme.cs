namespace QuantizedModels;

/// <summary>How the generator stores weights and computes each layer.</summary>
public enum QuantizationScheme
{
    /// <summary>Float32 weights and float32 arithmetic: the model as trained.</summary>
    Float32 = 0,

    /// <summary>Int8 weights and int8 activations with int32 accumulation (static quantization).</summary>
    Int8 = 1,

    /// <summary>Int8 weights; activations stay float32.</summary>
    Int8WeightOnly = 2,

    /// <summary>Float16 weight storage with float32 arithmetic.</summary>
    Float16 = 3,
}
