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
}
