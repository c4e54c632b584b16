using System;
using System.Numerics.Tensors;

namespace KeywordSpotting.Features;

/// <summary>
/// The MFCC front end the MLPerf Tiny DS-CNN keyword spotter was trained with
/// (mlcommons/tiny <c>benchmark/training/keyword_spotting/get_dataset.py</c>, feature_type "mfcc"):
/// <list type="number">
/// <item>divide the clip by its largest sample value, <c>tf.reduce_max(wav)</c> (signed max, not max |x|);</item>
/// <item>keep the first 16000 samples, zero-padding shorter clips;</item>
/// <item>STFT: 480-sample frames every 320 samples, periodic Hann window, 512-point FFT, no end padding: 49 frames;</item>
/// <item>magnitude; 40 mel bands 20-4000 Hz (<see cref="MelFilterbank"/>); ln(mel + 1e-6);</item>
/// <item>DCT as <c>tf.signal.mfccs_from_log_mel_spectrograms</c> (<see cref="CepstralDct"/>), first 10 coefficients.</item>
/// </list>
/// Output is [49 frames, 10 coefficients], frame-major. All tables and buffers are built once per instance,
/// so <see cref="Extract"/> allocates nothing. Not thread-safe: one instance per thread.
/// </summary>
public sealed class MlperfKwsFrontEnd
{
    public const int SampleRate = 16000;
    public const int ClipLength = 16000;
    public const int FrameLength = 480;
    public const int FrameStep = 320;
    public const int FftLength = 512;
    public const int FrameCount = 1 + (ClipLength - FrameLength) / FrameStep;
    public const int MelBinCount = 40;
    public const float LowerEdgeHertz = 20f;
    public const float UpperEdgeHertz = 4000f;
    public const float LogOffset = 1e-6f;
    public const int CoefficientCount = 10;
    public const int FeatureLength = FrameCount * CoefficientCount;

    private readonly float[] _window = PeriodicHann(FrameLength);
    private readonly RealFft _fft = new(FftLength);
    private readonly MelFilterbank _melFilterbank = new(MelBinCount, FftLength / 2 + 1, SampleRate, LowerEdgeHertz, UpperEdgeHertz);
    private readonly CepstralDct _dct = new(MelBinCount, CoefficientCount);
    private readonly float[] _clip = new float[ClipLength];
    private readonly float[] _fftInput = new float[FftLength];
    private readonly float[] _real = new float[FftLength / 2 + 1];
    private readonly float[] _imaginary = new float[FftLength / 2 + 1];
    private readonly float[] _mel = new float[MelBinCount];

    /// <summary>Computes the [49, 10] MFCCs of a 16 kHz mono clip (longer clips use their first second).</summary>
    public void Extract(ReadOnlySpan<float> audio, Span<float> features)
    {
        if (features.Length < FeatureLength)
        {
            throw new ArgumentException($"Need room for {FeatureLength} features.", nameof(features));
        }

        NormaliseIntoClip(audio[..Math.Min(audio.Length, ClipLength)]);
        for (var frame = 0; frame < FrameCount; frame++)
        {
            TensorPrimitives.Multiply(_clip.AsSpan(frame * FrameStep, FrameLength), _window, _fftInput);
            _fft.Transform(_fftInput, _real, _imaginary);

            // |X| = sqrt(re^2 + im^2), computed in place in _real.
            TensorPrimitives.Multiply(_real, _real, _real);
            TensorPrimitives.MultiplyAdd(_imaginary, _imaginary, _real, _real);
            TensorPrimitives.Sqrt(_real, _real);

            _melFilterbank.Apply(_real, _mel);
            TensorPrimitives.Add(_mel, LogOffset, _mel);
            TensorPrimitives.Log(_mel, _mel);
            _dct.Apply(_mel, features.Slice(frame * CoefficientCount, CoefficientCount));
        }
    }

    /// <summary>
    /// Training divided by tf.reduce_max(wav). A negative maximum flips the sign, which the magnitude spectrum
    /// ignores; a zero maximum (no positive sample, e.g. digital silence) would give NaN there, so such clips
    /// are left unscaled instead.
    /// </summary>
    private void NormaliseIntoClip(ReadOnlySpan<float> audio)
    {
        var peak = audio.IsEmpty ? 0f : TensorPrimitives.Max(audio);
        if (peak == 0f)
        {
            audio.CopyTo(_clip);
        }
        else
        {
            TensorPrimitives.Divide(audio, peak, _clip);
        }

        _clip.AsSpan(audio.Length).Clear();
    }

    /// <summary>tf.signal.hann_window(length, periodic=True): 0.5 - 0.5 cos(2 pi n / length).</summary>
    private static float[] PeriodicHann(int length)
    {
        var window = new float[length];
        for (var n = 0; n < length; n++)
        {
            window[n] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * n / length));
        }

        return window;
    }
}
