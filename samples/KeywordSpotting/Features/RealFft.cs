using System;

namespace KeywordSpotting.Features;

/// <summary>
/// Forward FFT of a real signal of power-of-two length N, computed as an N/2-point complex radix-2 FFT of the
/// even/odd samples packed as real/imaginary parts, then split into the N/2 + 1 non-redundant bins.
/// Twiddles and the bit-reversal table are built once; <see cref="Transform"/> allocates nothing.
/// Not thread-safe: one instance per thread.
/// </summary>
public sealed class RealFft
{
    private readonly int _half;
    private readonly int[] _bitReversed;
    private readonly float[] _cos;   // cos(2 pi k / N), k < N/2
    private readonly float[] _sin;   // sin(2 pi k / N), k < N/2
    private readonly float[] _re;
    private readonly float[] _im;

    public RealFft(int length)
    {
        if (length < 4 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "FFT length must be a power of two, at least 4.");
        }

        Length = length;
        _half = length / 2;
        _cos = new float[_half];
        _sin = new float[_half];
        for (var k = 0; k < _half; k++)
        {
            var angle = 2 * Math.PI * k / length;
            _cos[k] = (float)Math.Cos(angle);
            _sin[k] = (float)Math.Sin(angle);
        }

        _bitReversed = new int[_half];
        var bits = int.Log2(_half);
        for (var i = 0; i < _half; i++)
        {
            _bitReversed[i] = ReverseBits(i, bits);
        }

        _re = new float[_half];
        _im = new float[_half];
    }

    public int Length { get; }

    /// <summary>Number of non-redundant output bins, N/2 + 1.</summary>
    public int BinCount => _half + 1;

    /// <summary>Writes bins 0..N/2 of the DFT of <paramref name="signal"/> (length N).</summary>
    public void Transform(ReadOnlySpan<float> signal, Span<float> real, Span<float> imaginary)
    {
        if (signal.Length != Length || real.Length < BinCount || imaginary.Length < BinCount)
        {
            throw new ArgumentException($"Need a signal of {Length} samples and room for {BinCount} bins.");
        }

        for (var i = 0; i < _half; i++)
        {
            var j = _bitReversed[i];
            _re[j] = signal[2 * i];
            _im[j] = signal[2 * i + 1];
        }

        ComplexInPlace();

        // Z = FFT(even + i odd): E[k] = (Z[k] + conj Z[M-k]) / 2, O[k] = (Z[k] - conj Z[M-k]) / 2i,
        // X[k] = E[k] + exp(-2 pi i k / N) O[k].
        real[0] = _re[0] + _im[0];
        imaginary[0] = 0;
        real[_half] = _re[0] - _im[0];
        imaginary[_half] = 0;
        for (var k = 1; k < _half; k++)
        {
            float zr = _re[k], zi = _im[k], cr = _re[_half - k], ci = -_im[_half - k];
            float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
            float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
            float wr = _cos[k], wi = -_sin[k];
            real[k] = er + wr * or - wi * oi;
            imaginary[k] = ei + wr * oi + wi * or;
        }
    }

    /// <summary>Iterative decimation-in-time butterflies over the bit-reversed N/2-point buffer.</summary>
    private void ComplexInPlace()
    {
        for (var size = 2; size <= _half; size *= 2)
        {
            var halfSize = size / 2;
            var twiddleStride = Length / size;
            for (var start = 0; start < _half; start += size)
            {
                for (var j = 0; j < halfSize; j++)
                {
                    float wr = _cos[j * twiddleStride], wi = -_sin[j * twiddleStride];
                    int a = start + j, b = a + halfSize;
                    var tr = wr * _re[b] - wi * _im[b];
                    var ti = wr * _im[b] + wi * _re[b];
                    _re[b] = _re[a] - tr;
                    _im[b] = _im[a] - ti;
                    _re[a] += tr;
                    _im[a] += ti;
                }
            }
        }
    }

    private static int ReverseBits(int value, int bits)
    {
        var reversed = 0;
        for (var b = 0; b < bits; b++)
        {
            reversed = (reversed << 1) | ((value >> b) & 1);
        }

        return reversed;
    }
}
