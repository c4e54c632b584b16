using System;
using System.Numerics.Tensors;

namespace KeywordSpotting.Features;

/// <summary>
/// The DCT-II of <c>tf.signal.mfccs_from_log_mel_spectrograms</c>: TensorFlow's unnormalised DCT-II
/// (2 sum x[n] cos(pi k (2n + 1) / 2N)) times 1 / sqrt(2N), i.e. sqrt(2/N) sum x[n] cos(...) for every k.
/// This is HTK's scaling: unlike an orthonormal DCT, coefficient 0 is NOT scaled down by a further 1/sqrt(2).
/// Only the first <see cref="CoefficientCount"/> rows are kept.
/// </summary>
public sealed class CepstralDct
{
    private readonly float[] _basis; // [coefficient, input]

    public CepstralDct(int inputLength, int coefficientCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(coefficientCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coefficientCount, inputLength);

        InputLength = inputLength;
        CoefficientCount = coefficientCount;
        _basis = new float[coefficientCount * inputLength];
        var scale = Math.Sqrt(2.0 / inputLength);
        for (var k = 0; k < coefficientCount; k++)
        {
            for (var n = 0; n < inputLength; n++)
            {
                _basis[k * inputLength + n] = (float)(scale * Math.Cos(Math.PI * k * (2 * n + 1) / (2.0 * inputLength)));
            }
        }
    }

    public int InputLength { get; }

    public int CoefficientCount { get; }

    public void Apply(ReadOnlySpan<float> input, Span<float> coefficients)
    {
        for (var k = 0; k < CoefficientCount; k++)
        {
            coefficients[k] = TensorPrimitives.Dot(input[..InputLength], _basis.AsSpan(k * InputLength, InputLength));
        }
    }
}
