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

    /// <summary>
    /// Ternary weights {-a, 0, +a} per output channel in the dense layers (kept exactly when the model's weights already
    /// take those values, else by the TWN rule), float32 activations: each layer adds and subtracts its inputs and
    /// multiplies once per output.
    /// </summary>
    Ternary = 4,

    /// <summary>
    /// Binary weights {-a, +a} per output channel in the dense layers (kept exactly when already binary, else
    /// sign(w) x mean|w|), float32 activations; a layer fed by a Sign node runs XNOR and popcount on the signs.
    /// </summary>
    Binary = 5,

    /// <summary>
    /// Int4 weights (symmetric per output channel, -7..7, two a byte in the assembly) and int8 activations with int32
    /// accumulation in the convolution and dense layers: <see cref="Int8"/>'s static quantization (calibration data
    /// required) at about half its weight bytes.
    /// </summary>
    Int4 = 6,
}
