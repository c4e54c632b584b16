using System;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>
/// ONNX DynamicQuantizeLinear as ONNX Runtime computes it: the range [min(x, 0), max(x, 0)] mapped onto uint8,
/// scale = (max - min) / 255 (1 when the range is empty), zero point = round_half_even(clamp(0 - min / scale, 0, 255)),
/// then <see cref="QuantizeLinear"/> with those parameters.
/// </summary>
public static class DynamicQuantizeLinear
{
    /// <summary>Quantizes <paramref name="x"/> into <paramref name="y"/>; writes the scale and zero point (one element each).</summary>
    public static void Run(ReadOnlySpan<float> x, Span<byte> y, Span<float> scale, Span<byte> zeroPoint)
    {
        if (x.Length != y.Length || scale.Length != 1 || zeroPoint.Length != 1)
        {
            throw new ArgumentException("DynamicQuantizeLinear needs equal input and output lengths and one scale and zero point.");
        }

        float min = 0, max = 0;
        foreach (float value in x)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        float step = max == min ? 1f : (max - min) / 255f;
        int zero = (int)MathF.Round(Math.Clamp(0f - min / step, 0f, 255f), MidpointRounding.ToEven);
        scale[0] = step;
        zeroPoint[0] = (byte)zero;
        QuantizeLinear.Run(x, y, MemoryMarshal.CreateReadOnlySpan(ref step, 1), MemoryMarshal.CreateReadOnlySpan(ref zero, 1), Math.Max(x.Length, 1));
    }
}
