using System;
using KeywordSpotting.Audio;
using KeywordSpotting.Features;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class MlperfKwsFrontEndTests
{
    private readonly MlperfKwsFrontEnd _frontEnd = new();

    private static float[] YesClip() =>
        WavReader.Read(TestData.SpeechCommands("yes", "563aa4e6_nohash_2.wav")).Samples;

    private float[] Extract(ReadOnlySpan<float> audio)
    {
        var features = new float[MlperfKwsFrontEnd.FeatureLength];
        _frontEnd.Extract(audio, features);
        return features;
    }

    [Fact]
    public void Recipe_gives_49_frames_of_10_coefficients() =>
        Assert.Equal(490, MlperfKwsFrontEnd.FrameCount * MlperfKwsFrontEnd.CoefficientCount);

    [Fact]
    public void Peak_normalisation_makes_features_independent_of_volume()
    {
        var clip = YesClip();
        var quiet = Array.ConvertAll(clip, s => s * 0.1f);

        var loud = Extract(clip);
        var soft = Extract(quiet);

        for (var i = 0; i < loud.Length; i++)
        {
            Assert.Equal(loud[i], soft[i], 1e-3f);
        }
    }

    [Fact]
    public void Short_clips_are_zero_padded_and_long_ones_trimmed_to_one_second()
    {
        var clip = YesClip()[..12000];
        var padded = new float[16000];
        clip.CopyTo(padded, 0);
        var longer = new float[20000];
        clip.CopyTo(longer, 0);
        Array.Fill(longer, 0.9f, 16000, 4000); // past the first second; would change the peak if read

        var expected = Extract(padded);

        Assert.Equal(expected, Extract(clip));
        Assert.Equal(expected, Extract(longer));
    }

    [Fact]
    public void Digital_silence_gives_the_log_floor_not_nan()
    {
        var features = Extract(new float[16000]);

        // ln(1e-6) in every band; the DCT's coefficient 0 is sqrt(2/40) * 40 * ln(1e-6), the rest 0.
        Assert.Equal(Math.Sqrt(2.0 / 40) * 40 * Math.Log(1e-6), features[0], 1e-3);
        Assert.Equal(0, features[1], 1e-3);
        Assert.DoesNotContain(features, float.IsNaN);
    }

    [Fact]
    public void A_tone_raises_the_low_order_cepstrum_only_where_it_is_played()
    {
        // 1 kHz for the second half only: frames fully in the first half stay at the silence floor.
        var audio = new float[16000];
        Spectrum.Sine(1000, 16000, 8000).CopyTo(audio, 8000);

        var features = Extract(audio);

        Assert.Equal(features[0], Extract(new float[16000])[0], 1e-3f);
        Assert.True(features[48 * 10] > features[0] + 5, "frame 48 should carry the tone's energy");
    }

    [Fact]
    public void Steady_state_extraction_allocates_nothing()
    {
        var clip = YesClip();
        var features = new float[MlperfKwsFrontEnd.FeatureLength];
        _frontEnd.Extract(clip, features);

        var before = GC.GetAllocatedBytesForCurrentThread();
        _frontEnd.Extract(clip, features);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
