using System;

namespace KeywordSpotting.Audio;

/// <summary>Mono samples in [-1, 1] at a known sample rate.</summary>
public sealed class MonoAudio
{
    public MonoAudio(int sampleRate, float[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        SampleRate = sampleRate;
        Samples = samples ?? throw new ArgumentNullException(nameof(samples));
    }

    public int SampleRate { get; }

    public float[] Samples { get; }
}
