using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// How an int32 accumulator becomes an int8 output: TFLite's MultiplyByQuantizedMultiplier with the channel's
/// multiplier and shift, plus the output zero point, clamped to the fused activation range.
/// Multipliers and shifts hold one entry (per-tensor) or one per output channel.
/// </summary>
public readonly ref struct Requantization
{
    private readonly ReadOnlySpan<int> _multipliers;
    private readonly ReadOnlySpan<int> _shifts;

    /// <summary>Creates the parameters; activationMin/Max already include the zero point (TFLite's quantized range).</summary>
    public Requantization(ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int outputOffset, int activationMin, int activationMax)
    {
        _multipliers = multipliers;
        _shifts = shifts;
        OutputOffset = outputOffset;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
    }

    /// <summary>One multiplier, or one per output channel.</summary>
    internal ReadOnlySpan<int> Multipliers => _multipliers;
    /// <summary>Shifts, as many as multipliers.</summary>
    internal ReadOnlySpan<int> Shifts => _shifts;

    /// <summary>Output zero point, added after scaling.</summary>
    public int OutputOffset { get; }
    /// <summary>Lowest output value (at least -128).</summary>
    public int ActivationMin { get; }
    /// <summary>Highest output value (at most 127).</summary>
    public int ActivationMax { get; }

    /// <summary>Requantizes the accumulator of output channel <paramref name="channel"/>.</summary>
    public sbyte Apply(int accumulator, int channel)
    {
        int index = _multipliers.Length == 1 ? 0 : channel;
        return ClampToInt8(FixedPoint.MultiplyByQuantizedMultiplier(accumulator, _multipliers[index], _shifts[index]) + OutputOffset,
                           ActivationMin, ActivationMax);
    }

    /// <summary>min(max(value, min), max) narrowed to int8, the order TFLite clamps in.</summary>
    public static sbyte ClampToInt8(int value, int min, int max) => (sbyte)Math.Min(Math.Max(value, min), max);
}
