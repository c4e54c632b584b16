using System;

namespace KeywordSpotting.Audio;

/// <summary>
/// Band-limited resampling by windowed-sinc interpolation (Blackman window, 16 zero crossings each side).
/// When downsampling, the sinc's cutoff drops to the output Nyquist frequency so content above it is
/// filtered out rather than aliased; when upsampling, the cutoff stays at the input Nyquist frequency.
/// </summary>
public static class SincResampler
{
    private const int ZeroCrossings = 16;

    public static MonoAudio Resample(MonoAudio audio, int targetRate)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRate);
        return audio.SampleRate == targetRate
            ? audio
            : new MonoAudio(targetRate, Resample(audio.Samples, audio.SampleRate, targetRate));
    }

    public static float[] Resample(ReadOnlySpan<float> input, int sourceRate, int targetRate)
    {
        var outputLength = (int)((long)input.Length * targetRate / sourceRate);
        var output = new float[outputLength];
        var step = (double)sourceRate / targetRate;
        var cutoff = Math.Min(1.0, (double)targetRate / sourceRate);
        var halfWidth = ZeroCrossings / cutoff;

        for (var n = 0; n < output.Length; n++)
        {
            var center = n * step;
            var first = Math.Max(0, (int)Math.Ceiling(center - halfWidth));
            var last = Math.Min(input.Length - 1, (int)Math.Floor(center + halfWidth));
            double sum = 0;
            for (var k = first; k <= last; k++)
            {
                var distance = k - center;
                sum += input[k] * cutoff * Sinc(cutoff * distance) * Blackman(distance / halfWidth);
            }

            output[n] = (float)sum;
        }

        return output;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>Blackman window over relative position <paramref name="x"/> in [-1, 1].</summary>
    private static double Blackman(double x) =>
        0.42 + 0.5 * Math.Cos(Math.PI * x) + 0.08 * Math.Cos(2 * Math.PI * x);
}
