using System;

namespace KeywordSpotting.Tests;

/// <summary>Naive reference DFT, O(N^2) in double precision, for checking faster code.</summary>
internal static class Spectrum
{
    public static (double Real, double Imaginary) Bin(ReadOnlySpan<float> signal, double frequencyBin)
    {
        double re = 0, im = 0;
        for (var n = 0; n < signal.Length; n++)
        {
            var angle = -2 * Math.PI * frequencyBin * n / signal.Length;
            re += signal[n] * Math.Cos(angle);
            im += signal[n] * Math.Sin(angle);
        }

        return (re, im);
    }

    /// <summary>Amplitude of a sinusoid at <paramref name="hertz"/> (1.0 for a full-scale sine).</summary>
    public static double Amplitude(ReadOnlySpan<float> signal, int sampleRate, double hertz)
    {
        var (re, im) = Bin(signal, hertz * signal.Length / sampleRate);
        return 2 * Math.Sqrt(re * re + im * im) / signal.Length;
    }

    public static float[] Sine(double hertz, int sampleRate, int length, double amplitude = 1)
    {
        var samples = new float[length];
        for (var n = 0; n < length; n++)
        {
            samples[n] = (float)(amplitude * Math.Sin(2 * Math.PI * hertz * n / sampleRate));
        }

        return samples;
    }
}
