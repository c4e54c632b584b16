using System;
using System.Linq;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>
/// A dense layer's weights [out, in] made binary, s x scale[out] with s in {-1, +1}: a channel that already is
/// {-a, +a} keeps a exactly; any other gets a = mean|w| (XNOR-Net) and s = +1 where w &gt;= 0.
/// </summary>
/// <param name="Values">The binary weights as floats (s x scale), row-major.</param>
internal sealed record BinaryWeights(int Out, int In, float[] Values, float[] Scales, int ExactChannels)
{
    public static BinaryWeights From(float[] weights, int outputs, int inputs)
    {
        var values = new float[weights.Length];
        var scales = new float[outputs];
        var exact = 0;
        for (var o = 0; o < outputs; o++)
        {
            var row = new ArraySegment<float>(weights, o * inputs, inputs);
            var magnitudes = row.Select(Math.Abs).Distinct().ToArray();
            if (magnitudes.Length == 1 && magnitudes[0] != 0f) exact++;
            scales[o] = magnitudes.Length == 1 ? magnitudes[0] : row.Average(Math.Abs);
            for (var i = 0; i < inputs; i++) values[o * inputs + i] = row.Array![row.Offset + i] >= 0f ? scales[o] : -scales[o];
        }

        return new BinaryWeights(outputs, inputs, values, scales, exact);
    }

    /// <summary>One bit a weight (set = +1), <c>(in + 63) / 64</c> words a row, bit i of word w being column 64w + i.</summary>
    public ulong[] Bits()
    {
        var words = (In + 63) / 64;
        var bits = new ulong[Out * words];
        for (var o = 0; o < Out; o++)
        {
            for (var i = 0; i < In; i++)
            {
                if (Values[o * In + i] >= 0f) bits[(o * words) + (i / 64)] |= 1UL << (i % 64);
            }
        }

        return bits;
    }
}
