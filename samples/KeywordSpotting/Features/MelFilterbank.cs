using System;
using System.Numerics.Tensors;

namespace KeywordSpotting.Features;

/// <summary>
/// Triangular mel filters built exactly as TensorFlow's <c>tf.signal.linear_to_mel_weight_matrix</c>:
/// HTK mel scale 1127 ln(1 + f / 700); spectrogram bin b sits at b * nyquist / (bins - 1) Hz; band edges are
/// <c>melBinCount + 2</c> points evenly spaced in mel between the lower and upper edge; each weight is
/// max(0, min(rising slope, falling slope)) measured in mel; the DC bin gets no weight (as in HTK).
/// </summary>
public sealed class MelFilterbank
{
    private readonly float[] _weights; // [melBin, spectrogramBin], so each band is one contiguous dot product

    public MelFilterbank(int melBinCount, int spectrogramBinCount, double sampleRate, double lowerEdgeHertz, double upperEdgeHertz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melBinCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(spectrogramBinCount, 2);
        if (lowerEdgeHertz < 0 || lowerEdgeHertz >= upperEdgeHertz || upperEdgeHertz > sampleRate / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(upperEdgeHertz), "Need 0 <= lower edge < upper edge <= Nyquist.");
        }

        MelBinCount = melBinCount;
        SpectrogramBinCount = spectrogramBinCount;
        _weights = new float[melBinCount * spectrogramBinCount];

        var lowerMel = HertzToMel(lowerEdgeHertz);
        var melStep = (HertzToMel(upperEdgeHertz) - lowerMel) / (melBinCount + 1);
        var hertzPerBin = sampleRate / 2 / (spectrogramBinCount - 1);
        for (var mel = 0; mel < melBinCount; mel++)
        {
            var left = lowerMel + mel * melStep;
            var center = left + melStep;
            var right = center + melStep;
            for (var bin = 1; bin < spectrogramBinCount; bin++)
            {
                var binMel = HertzToMel(bin * hertzPerBin);
                var rising = (binMel - left) / (center - left);
                var falling = (right - binMel) / (right - center);
                _weights[mel * spectrogramBinCount + bin] = (float)Math.Max(0, Math.Min(rising, falling));
            }
        }
    }

    public int MelBinCount { get; }

    public int SpectrogramBinCount { get; }

    /// <summary>Weight of spectrogram bin <paramref name="bin"/> in mel band <paramref name="mel"/>.</summary>
    public float Weight(int bin, int mel) => _weights[mel * SpectrogramBinCount + bin];

    /// <summary>mel[m] = sum over bins of spectrum[b] * Weight(b, m).</summary>
    public void Apply(ReadOnlySpan<float> spectrum, Span<float> mel)
    {
        for (var m = 0; m < MelBinCount; m++)
        {
            mel[m] = TensorPrimitives.Dot(spectrum[..SpectrogramBinCount], _weights.AsSpan(m * SpectrogramBinCount, SpectrogramBinCount));
        }
    }

    public static double HertzToMel(double hertz) => 1127.0 * Math.Log(1.0 + hertz / 700.0);
}
