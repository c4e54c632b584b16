using System;
using KeywordSpotting.Features;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(512)]
    public void Matches_a_naive_dft(int length)
    {
        var random = new Random(length);
        var signal = new float[length];
        for (var i = 0; i < length; i++)
        {
            signal[i] = (float)(random.NextDouble() * 2 - 1);
        }

        var fft = new RealFft(length);
        var real = new float[fft.BinCount];
        var imaginary = new float[fft.BinCount];
        fft.Transform(signal, real, imaginary);

        for (var k = 0; k < fft.BinCount; k++)
        {
            var (expectedRe, expectedIm) = Spectrum.Bin(signal, k);
            Assert.Equal(expectedRe, real[k], 1e-4 * Math.Sqrt(length));
            Assert.Equal(expectedIm, imaginary[k], 1e-4 * Math.Sqrt(length));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(100)]
    public void Rejects_lengths_that_are_not_powers_of_two_from_4(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(length));
}
