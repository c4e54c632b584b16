using System;
using KeywordSpotting.Audio;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class SincResamplerTests
{
    [Theory]
    [InlineData(44100, 1000)]
    [InlineData(48000, 3000)]
    [InlineData(8000, 1000)]
    [InlineData(22050, 440)]
    public void Resampled_sine_keeps_its_frequency_and_amplitude(int sourceRate, double hertz)
    {
        var output = SincResampler.Resample(Spectrum.Sine(hertz, sourceRate, sourceRate), sourceRate, 16000);

        Assert.Equal(16000, output.Length);
        // Skip the filter's edge transients at both ends; measure over 0.5 s (whole cycles of every tone here).
        var middle = output.AsSpan(4000, 8000);
        Assert.InRange(Spectrum.Amplitude(middle, 16000, hertz), 0.98, 1.02);
        Assert.True(Spectrum.Amplitude(middle, 16000, hertz + 100) < 0.01);
    }

    [Fact]
    public void Content_above_the_new_nyquist_is_removed_not_aliased()
    {
        // 12 kHz at 48 kHz would fold to 4 kHz at 16 kHz without the anti-aliasing cutoff.
        var output = SincResampler.Resample(Spectrum.Sine(12000, 48000, 48000), 48000, 16000);

        Assert.True(Spectrum.Amplitude(output.AsSpan(4000, 8000), 16000, 4000) < 0.01);
    }

    [Fact]
    public void Same_rate_returns_the_audio_unchanged()
    {
        var audio = new MonoAudio(16000, [0.1f, 0.2f]);

        Assert.Same(audio, SincResampler.Resample(audio, 16000));
    }
}
