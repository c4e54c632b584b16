using System;

namespace QuantizedModels.Generator.Graph;

/// <summary>IEEE 754 binary16 conversion; netstandard2.0 has no <c>System.Half</c>.</summary>
internal static class HalfBits
{
    public static float ToSingle(ushort bits)
    {
        var sign = (bits >> 15) & 1;
        var exponent = (bits >> 10) & 0x1F;
        var mantissa = bits & 0x3FF;
        float magnitude;
        if (exponent == 0)
        {
            magnitude = mantissa * (1f / 16777216f); // subnormal: mantissa * 2^-24
        }
        else if (exponent == 31)
        {
            magnitude = mantissa == 0 ? float.PositiveInfinity : float.NaN;
        }
        else
        {
            magnitude = (float)((1 + mantissa / 1024.0) * Math.Pow(2, exponent - 15));
        }

        return sign == 1 ? -magnitude : magnitude;
    }

    /// <summary>
    /// The nearest binary16 (ties to even), as IEEE 754 and <c>System.Half</c> convert; values from 65520 up become
    /// infinity, so callers that must not overflow check <see cref="MaxValue"/> first.
    /// </summary>
    public static ushort FromSingle(float value)
    {
        var bits = (uint)BitConverter.ToInt32(BitConverter.GetBytes(value), 0);
        var sign = (ushort)((bits >> 16) & 0x8000);
        var magnitude = bits & 0x7FFFFFFF;
        if (magnitude >= 0x7F800000) return (ushort)(sign | (magnitude > 0x7F800000 ? 0x7E00 : 0x7C00));
        if (magnitude >= 0x477FF000) return (ushort)(sign | 0x7C00);
        if (magnitude < 0x38800000)
        {
            // Below the smallest normal (2^-14): a count of 2^-24 steps, exact in double; 1024 steps is the smallest normal's encoding.
            return (ushort)(sign | (ushort)Math.Round(Math.Abs((double)value) * 16777216.0, MidpointRounding.ToEven));
        }

        var result = (((magnitude >> 23) - 112) << 10) | ((magnitude >> 13) & 0x3FF);
        var dropped = magnitude & 0x1FFF;
        // A carry out of the mantissa moves into the exponent, which is the correctly rounded result.
        if (dropped > 0x1000 || (dropped == 0x1000 && (result & 1) != 0)) result++;
        return (ushort)(sign | result);
    }

    /// <summary>The largest finite binary16 value.</summary>
    public const float MaxValue = 65504f;
}
