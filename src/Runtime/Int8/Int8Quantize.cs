using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite QUANTIZE from float32 to int8 (reference_ops::AffineQuantize): round(x / scale) half away from zero, plus
/// the zero point, clamped to [-128, 127]. TFLite leaves NaN and values beyond int32 undefined; here NaN gives the
/// zero point and everything else, infinities included, saturates.
/// </summary>
public static class Int8Quantize
{
    /// <summary>
    /// Rounded values beyond ±256 saturate whatever the zero point, so clamping there first keeps the int conversion
    /// defined without changing any result.
    /// </summary>
    private const float Saturated = 256f;

    /// <summary>y[i] = quantize(x[i]) with the output's float32 scale and zero point.</summary>
    public static void Run(ReadOnlySpan<float> x, Span<sbyte> y, float scale, int zeroPoint)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= y.Length - 16; i += 16)
            {
                Vector128<short> low = Vector128.Narrow(Lanes(x.Slice(i, 4), scale, zeroPoint), Lanes(x.Slice(i + 4, 4), scale, zeroPoint));
                Vector128<short> high = Vector128.Narrow(Lanes(x.Slice(i + 8, 4), scale, zeroPoint), Lanes(x.Slice(i + 12, 4), scale, zeroPoint));
                // Every lane is already clamped into [-128, 127], so the truncating narrows are exact.
                Vector128.Narrow(low, high).CopyTo(y.Slice(i, 16));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = Element(x[i], scale, zeroPoint);
        }
    }

    /// <summary>The scalar form, element by element.</summary>
    internal static void Reference(ReadOnlySpan<float> x, Span<sbyte> y, float scale, int zeroPoint)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Element(x[i], scale, zeroPoint);
        }
    }

    private static sbyte Element(float x, float scale, int zeroPoint)
    {
        // Single-precision division, as TFLite's val / static_cast<float>(scale).
        float q = x / scale;
        if (float.IsNaN(q))
        {
            return (sbyte)zeroPoint;
        }

        float rounded = Math.Clamp(MathF.Round(q, MidpointRounding.AwayFromZero), -Saturated, Saturated);
        return Requantization.ClampToInt8((int)rounded + zeroPoint, sbyte.MinValue, sbyte.MaxValue);
    }

    /// <summary><see cref="Element"/> on four lanes, before narrowing.</summary>
    private static Vector128<int> Lanes(ReadOnlySpan<float> x, float scale, int zeroPoint)
    {
        Vector128<float> q = Vector128.Create(x) / Vector128.Create(scale);
        // NaN lanes become 0 (the zero point after the offset); the clamp commutes with rounding at integral bounds.
        q &= Vector128.Equals(q, q);
        q = Vector128.Min(Vector128.Max(q, Vector128.Create(-Saturated)), Vector128.Create(Saturated));
        // Half away from zero: truncate, then step outwards when the exact remainder reaches one half.
        Vector128<int> truncated = Vector128.ConvertToInt32(q);
        Vector128<float> remainder = q - Vector128.ConvertToSingle(truncated);
        // A true comparison lane is all ones (-1): subtracting it adds one.
        Vector128<int> rounded = truncated - Vector128.GreaterThanOrEqual(remainder, Vector128.Create(0.5f)).AsInt32()
                                           + Vector128.LessThanOrEqual(remainder, Vector128.Create(-0.5f)).AsInt32();
        return Vector128.Min(Vector128.Max(rounded + Vector128.Create(zeroPoint), Vector128.Create((int)sbyte.MinValue)),
                             Vector128.Create((int)sbyte.MaxValue));
    }
}
