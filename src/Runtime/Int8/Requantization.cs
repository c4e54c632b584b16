using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// How an int32 accumulator becomes an int8 output, plus the output zero point, clamped to the fused activation range.
/// Two arithmetics: TFLite's MultiplyByQuantizedMultiplier with a Q31 multiplier and shift (the default), or ONNX
/// Runtime's float requantization (the accumulator converted to float, multiplied by the float scale, rounded half
/// to even), plus the shift-only case of the first when every multiplier is a power of two. Multipliers and shifts,
/// or scales, hold one entry (per-tensor) or one per output channel.
/// </summary>
public readonly ref struct Requantization
{
    private readonly ReadOnlySpan<int> _multipliers;
    private readonly ReadOnlySpan<int> _shifts;
    private readonly ReadOnlySpan<float> _scales;
    private readonly bool _isShiftOnly;

    /// <summary>TFLite's fixed-point form; activationMin/Max already include the zero point (TFLite's quantized range).</summary>
    public Requantization(ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int outputOffset, int activationMin, int activationMax)
    {
        _multipliers = multipliers;
        _shifts = shifts;
        OutputOffset = outputOffset;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
    }

    /// <summary>
    /// TFLite's fixed-point form when every real multiplier is a power of two (a <c>PowerOfTwoScales</c> build): the
    /// multipliers are all 2^30, so only the shifts are kept and <see cref="FixedPoint.MultiplyByPowerOfTwo"/> applies
    /// them without a multiply, equal to the fixed-point form with multipliers of 2^30.
    /// </summary>
    public static Requantization PowerOfTwo(ReadOnlySpan<int> shifts, int outputOffset, int activationMin, int activationMax) =>
        new(shifts, outputOffset, activationMin, activationMax, isShiftOnly: true);

    private Requantization(ReadOnlySpan<int> shifts, int outputOffset, int activationMin, int activationMax, bool isShiftOnly)
    {
        _shifts = shifts;
        _isShiftOnly = isShiftOnly;
        OutputOffset = outputOffset;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
    }

    /// <summary>
    /// ONNX Runtime's float form (MLAS MlasRequantizeOutput): scale = input scale x weight scale / output scale in float;
    /// activationMin/Max include the zero point.
    /// </summary>
    public Requantization(ReadOnlySpan<float> scales, int outputOffset, int activationMin, int activationMax)
    {
        _scales = scales;
        OutputOffset = outputOffset;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
    }

    /// <summary>One multiplier, or one per output channel; empty in the float and shift-only forms.</summary>
    internal ReadOnlySpan<int> Multipliers => _multipliers;
    /// <summary>Shifts, as many as multipliers.</summary>
    internal ReadOnlySpan<int> Shifts => _shifts;
    /// <summary>Float scales, one or one per output channel; empty in the fixed-point form.</summary>
    internal ReadOnlySpan<float> Scales => _scales;

    /// <summary>True for ONNX Runtime's float requantization.</summary>
    internal bool IsFloat => !_scales.IsEmpty;

    /// <summary>True for the shift-only form (<see cref="PowerOfTwo"/>).</summary>
    internal bool IsShiftOnly => _isShiftOnly;

    /// <summary>Entries of the per-channel parameters: 1 for per-tensor.</summary>
    internal int ChannelCount => IsFloat ? _scales.Length : _shifts.Length;

    /// <summary>Output zero point, added after scaling.</summary>
    public int OutputOffset { get; }
    /// <summary>Lowest output value (at least -128).</summary>
    public int ActivationMin { get; }
    /// <summary>Highest output value (at most 127).</summary>
    public int ActivationMax { get; }

    /// <summary>Requantizes the accumulator of output channel <paramref name="channel"/>.</summary>
    public sbyte Apply(int accumulator, int channel)
    {
        if (IsFloat)
        {
            return FloatRound(accumulator, _scales[_scales.Length == 1 ? 0 : channel], OutputOffset, ActivationMin, ActivationMax);
        }

        int index = _shifts.Length == 1 ? 0 : channel;
        int scaled = _isShiftOnly
            ? FixedPoint.MultiplyByPowerOfTwo(accumulator, _shifts[index])
            : FixedPoint.MultiplyByQuantizedMultiplier(accumulator, _multipliers[index], _shifts[index]);
        return ClampToInt8(scaled + OutputOffset, ActivationMin, ActivationMax);
    }

    /// <summary>
    /// MLAS's order: float(accumulator) x scale, clamped to the range minus the zero point (integral bounds, so the
    /// clamp commutes with rounding and keeps the int conversion defined), rounded half to even, plus the zero point.
    /// </summary>
    private static sbyte FloatRound(int accumulator, float scale, int offset, int min, int max)
    {
        float scaled = Math.Clamp(accumulator * scale, min - offset, max - offset);
        return (sbyte)((int)MathF.Round(scaled, MidpointRounding.ToEven) + offset);
    }

    /// <summary>min(max(value, min), max) narrowed to int8, the order TFLite clamps in.</summary>
    public static sbyte ClampToInt8(int value, int min, int max) => (sbyte)Math.Min(Math.Max(value, min), max);
}
