using System;
using KeywordSpotting.Features;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class CepstralDctTests
{
    private readonly CepstralDct _dct = new(40, 10);

    [Fact]
    public void First_coefficient_uses_htk_scaling_not_orthonormal()
    {
        // TF: dct2 * rsqrt(2N) = sqrt(2/N) * sum; an orthonormal DCT would give sqrt(1/N) * sum instead.
        var constant = new float[40];
        Array.Fill(constant, 3f);
        var coefficients = new float[10];

        _dct.Apply(constant, coefficients);

        Assert.Equal(3 * 40 * Math.Sqrt(2.0 / 40), coefficients[0], 1e-4);
        for (var k = 1; k < 10; k++)
        {
            Assert.Equal(0, coefficients[k], 1e-4);
        }
    }

    [Fact]
    public void Higher_coefficients_are_orthonormal_cosines()
    {
        // Feeding the k-th cosine basis vector back in returns 1 at k and 0 elsewhere (rows 1.. are orthonormal).
        var coefficients = new float[10];
        for (var k = 1; k < 10; k++)
        {
            var basis = new float[40];
            for (var n = 0; n < 40; n++)
            {
                basis[n] = (float)(Math.Sqrt(2.0 / 40) * Math.Cos(Math.PI * k * (2 * n + 1) / 80));
            }

            _dct.Apply(basis, coefficients);

            for (var j = 0; j < 10; j++)
            {
                Assert.Equal(j == k ? 1 : 0, coefficients[j], 1e-5);
            }
        }
    }
}
