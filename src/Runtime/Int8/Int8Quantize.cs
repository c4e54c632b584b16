using System;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite QUANTIZE from float32 to int8 (reference_ops::AffineQuantize): round(x / scale) half away from zero, plus
/// the zero point, clamped to [-128, 127]; or ONNX Runtime's QuantizeLinear, which rounds half to even. TFLite
/// leaves NaN and values beyond int32 undefined; here NaN gives the zero point and everything else, infinities
/// included, saturates.
/// </summary>
public static class Int8Quantize
{
    /// <summary>
    /// Rounded values beyond ±256 saturate whatever the zero point, so clamping there first keeps the int conversion
    /// defined without changing any result.
    /// </summary>
    private const float Saturated = 256f;

    /// <summary>Adding then subtracting 1.5 x 2^23 rounds a float of magnitude at most 2^22 to an integer, half to even.</summary>
    private const float RoundingMagic = 12582912f;

    /// <summary>y[i] = quantize(x[i]) with the output's float32 scale and zero point, rounding half away from zero (TFLite).</summary>
    public static void Run(ReadOnlySpan<float> x, Span<sbyte> y, float scale, int zeroPoint) => Run(x, y, scale, zeroPoint, MidpointRounding.AwayFromZero);

    /// <summary>y[i] = quantize(x[i]) rounding half to even, as ONNX Runtime's QuantizeLinear does.</summary>
    public static void RunHalfToEven(ReadOnlySpan<float> x, Span<sbyte> y, float scale, int zeroPoint) => Run(x, y, scale, zeroPoint, MidpointRounding.ToEven);

    private static void Run(ReadOnlySpan<float> x, Span<sbyte> y, float scale, int zeroPoint, MidpointRounding rounding)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= y.Length - 16; i += 16)
            {
                Vector128<short> low = Vector128.Narrow(Lanes(x.Slice(i, 4), scale, zeroPoint, rounding), Lanes(x.Slice(i + 4, 4), scale, zeroPoint, rounding));
                Vector128<short> high = Vector128.Narrow(Lanes(x.Slice(i + 8, 4), scale, zeroPoint, rounding), Lanes(x.Slice(i + 12, 4), scale, zeroPoint, rounding));
                // Every lane is already clamped into [-128, 127], so the truncating narrows are exact.
                Vector128.Narrow(low, high).CopyTo(y.Slice(i, 16));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = Element(x[i], scale, zeroPoint, rounding);
        }
    }

    /// <summary>The scalar form, element by element.</summary>
    internal static void Reference(ReadOnlySpan<float> x, Span<sbyte> y, float scale, int zeroPoint, MidpointRounding rounding)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Element(x[i], scale, zeroPoint, rounding);
        }
    }

    private static sbyte Element(float x, float scale, int zeroPoint, MidpointRounding rounding)
    {
        // Single-precision division, as TFLite's val / static_cast<float>(scale).
        float q = x / scale;
        if (float.IsNaN(q))
        {
            return (sbyte)zeroPoint;
        }

        float rounded = Math.Clamp(MathF.Round(q, rounding), -Saturated, Saturated);
        return Requantization.ClampToInt8((int)rounded + zeroPoint, sbyte.MinValue, sbyte.MaxValue);
    }

    /// <summary><see cref="Element"/> on four lanes, before narrowing.</summary>
    private static Vector128<int> Lanes(ReadOnlySpan<float> x, float scale, int zeroPoint, MidpointRounding rounding)
    {
        Vector128<float> q = Vector128.Create(x) / Vector128.Create(scale);
        // NaN lanes become 0 (the zero point after the offset); the clamp commutes with rounding at integral bounds.
        q &= Vector128.Equals(q, q);
        q = Vector128.Min(Vector128.Max(q, Vector128.Create(-Saturated)), Vector128.Create(Saturated));
        Vector128<int> rounded = rounding == MidpointRounding.ToEven ? HalfToEven(q) : HalfAwayFromZero(q);
        return Vector128.Min(Vector128.Max(rounded + Vector128.Create(zeroPoint), Vector128.Create((int)sbyte.MinValue)),
                             Vector128.Create((int)sbyte.MaxValue));
    }

    /// <summary>Truncate, then step outwards when the exact remainder reaches one half.</summary>
    private static Vector128<int> HalfAwayFromZero(Vector128<float> q)
    {
        Vector128<int> truncated = Vector128.ConvertToInt32(q);
        Vector128<float> remainder = q - Vector128.ConvertToSingle(truncated);
        // A true comparison lane is all ones (-1): subtracting it adds one.
        return truncated - Vector128.GreaterThanOrEqual(remainder, Vector128.Create(0.5f)).AsInt32()
                         + Vector128.LessThanOrEqual(remainder, Vector128.Create(-0.5f)).AsInt32();
    }

    /// <summary>The lanes are clamped to ±256, so the magic-number addition rounds them exactly, half to even.</summary>
    private static Vector128<int> HalfToEven(Vector128<float> q) =>
        Vector128.ConvertToInt32((q + Vector128.Create(RoundingMagic)) - Vector128.Create(RoundingMagic));
}
