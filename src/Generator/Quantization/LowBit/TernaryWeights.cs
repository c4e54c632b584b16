using System;
using System.Linq;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// A dense layer's weights [out, in] as t x scale[out] with t in {-1, 0, +1}, in the bit-plane layout of the runtime's
/// TernaryGemm: per output row a plus plane then a minus plane of <c>(in + 7) / 8</c> bytes, bit i of byte b being
/// column 8b + i.
/// </summary>
/// <param name="ExactChannels">Output channels whose weights already were {-a, 0, +a} and are kept exactly; the others
/// were ternarized by the TWN rule.</param>
internal sealed record TernaryWeights(int Out, int In, byte[] Planes, float[] Scales, int ExactChannels, int Zeros)
{
    /// <summary>TWN's threshold, as a fraction of the channel's mean magnitude.</summary>
    private const float ThresholdFactor = 0.7f;

    public static TernaryWeights From(float[] weights, int outputs, int inputs)
    {
        var planeBytes = (inputs + 7) / 8;
        var planes = new byte[2 * outputs * planeBytes];
        var scales = new float[outputs];
        int exact = 0, zeros = 0;
        for (var o = 0; o < outputs; o++)
        {
            var row = new ArraySegment<float>(weights, o * inputs, inputs);
            var magnitude = ExactMagnitude(row);
            if (magnitude is not null) exact++;
            var threshold = magnitude is null ? ThresholdFactor * row.Average(Math.Abs) : 0f;
            var kept = row.Where(w => Math.Abs(w) > threshold).ToArray();
            scales[o] = magnitude ?? (kept.Length == 0 ? 0f : kept.Average(Math.Abs));
            for (var i = 0; i < inputs; i++)
            {
                var w = row.Array![row.Offset + i];
                var plane = w > threshold ? 0 : w < -threshold ? 1 : -1;
                if (plane < 0 || scales[o] == 0f)
                {
                    zeros++;
                    continue;
                }

                planes[((2 * o + plane) * planeBytes) + (i / 8)] |= (byte)(1 << (i % 8));
            }
        }

        return new TernaryWeights(outputs, inputs, planes, scales, exact, zeros);
    }

    /// <summary>The ternary weights as floats (t x scale), row-major.</summary>
    public float[] Values()
    {
        var planeBytes = (In + 7) / 8;
        var values = new float[Out * In];
        for (var o = 0; o < Out; o++)
        {
            for (var i = 0; i < In; i++)
            {
                var plus = (Planes[(2 * o * planeBytes) + (i / 8)] >> (i % 8)) & 1;
                var minus = (Planes[((2 * o + 1) * planeBytes) + (i / 8)] >> (i % 8)) & 1;
                values[o * In + i] = (plus - minus) * Scales[o];
            }
        }

        return values;
    }

    /// <summary>a when every weight of the row is -a, 0 or +a (a trained ternary channel), else null.</summary>
    private static float? ExactMagnitude(ArraySegment<float> row)
    {
        var magnitudes = row.Where(w => w != 0f).Select(Math.Abs).Distinct().ToArray();
        return magnitudes.Length switch
        {
            0 => 0f,
            1 when !float.IsInfinity(magnitudes[0]) && !float.IsNaN(magnitudes[0]) => magnitudes[0],
            _ => null,
        };
    }
}
