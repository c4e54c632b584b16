namespace QuantizedModels.Generator.Graph;

/// <summary>
/// Affine quantization of a tensor: real = scale * (q - zeroPoint). One scale means per-tensor; otherwise
/// one scale and zero point per index of <see cref="Axis"/> (per-channel).
/// </summary>
internal sealed class QuantizationInfo
{
    public QuantizationInfo(float[] scales, long[] zeroPoints, int axis)
    {
        Scales = scales;
        ZeroPoints = zeroPoints;
        Axis = axis;
    }

    public float[] Scales { get; }

    public long[] ZeroPoints { get; }

    /// <summary>The quantized dimension for per-channel parameters; ignored when per-tensor.</summary>
    public int Axis { get; }

    public bool IsPerTensor => Scales.Length == 1;
}
