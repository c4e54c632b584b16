using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class XnorGemmTests
{
    [Fact]
    public void PopcountPathEqualsTheReferenceBitForBit()
    {
        var data = new TestData(94);
        for (int trial = 0; trial < 150; trial++)
        {
            int m = data.Next(1, 3), n = data.Next(1, 19), k = trial == 0 ? XnorGemm.MaximumInputs : data.Next(1, 200);
            var (a, weights, scales, bias) = RandomLayer(data, m, n, k, adversarial: trial % 3 == 0);
            var activation = data.AnyActivation();
            float[] expected = TestData.Poisoned(m * n), y = TestData.Poisoned(m * n);
            XnorGemm.Reference(a, weights, scales, bias, expected, m, n, k, activation);
            XnorGemm.Run(a, weights, scales, bias, y, m, n, k, activation);
            BitExact.AssertEqual(expected, y, $"trial {trial} m={m} n={n} k={k}");
        }
    }

    [Fact]
    public void ReferenceEqualsSignThenTheDenseBinaryLayer()
    {
        var data = new TestData(95);
        for (int trial = 0; trial < 60; trial++)
        {
            int m = data.Next(1, 3), n = data.Next(1, 19), k = data.Next(1, 200);
            var (a, weights, scales, bias) = RandomLayer(data, m, n, k, adversarial: false);
            var activation = data.AnyActivation();
            var signs = new float[a.Length];
            Unary.Sign(a, signs);
            var dense = new float[n * k];
            for (int j = 0; j < n; j++)
            {
                for (int c = 0; c < k; c++) dense[j * k + c] = ((weights[j * XnorGemm.Words(k) + c / 64] >> (c % 64)) & 1) != 0 ? scales[j] : -scales[j];
            }

            float[] y = TestData.Poisoned(m * n);
            XnorGemm.Reference(a, weights, scales, bias, y, m, n, k, activation);
            Accuracy.AssertClose(Oracle.Gemm(signs, dense, bias, m, n, k, activation), y, $"trial {trial} m={m} n={n} k={k}");
        }
    }

    /// <summary>Random inputs (with exact zeros, whose sign is 0) and weight bits; adversarial ones add signed zeros, infinities and NaN.</summary>
    private static (float[] A, ulong[] Weights, float[] Scales, float[] Bias) RandomLayer(TestData data, int m, int n, int k, bool adversarial)
    {
        float[] a = data.Floats(m * k, 4f);
        float[] specials = adversarial ? [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-45f, -1e-45f] : [0f];
        for (int i = 0; i < a.Length; i += data.Next(1, 7)) a[i] = specials[data.Next(0, specials.Length - 1)];
        int words = XnorGemm.Words(k);
        var weights = new ulong[n * words];
        for (int j = 0; j < n; j++)
        {
            for (int c = 0; c < k; c++) if (data.Coin()) weights[j * words + c / 64] |= 1UL << (c % 64);
        }

        float[] scales = data.Floats(n);
        float[] bias = data.Coin() ? [] : data.Floats(n);
        return (a, weights, scales, bias);
    }
}
