using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class TernaryGemmTests
{
    [Fact]
    public void VectorPathsEqualTheReferenceBitForBit()
    {
        var data = new TestData(91);
        for (int trial = 0; trial < 150; trial++)
        {
            int m = data.Next(1, 3), n = data.Next(1, 19), k = data.Next(1, 70);
            var (a, planes, scales, bias) = RandomLayer(data, m, n, k, adversarial: trial % 3 == 0);
            var activation = data.AnyActivation();
            float[] expected = TestData.Poisoned(m * n), y128 = TestData.Poisoned(m * n), y256 = TestData.Poisoned(m * n), run = TestData.Poisoned(m * n);
            TernaryGemm.Reference(a, planes, scales, bias, expected, m, n, k, activation);
            TernaryGemm.Run128(a, planes, scales, bias, y128, m, n, k, activation);
            TernaryGemm.Run256(a, planes, scales, bias, y256, m, n, k, activation);
            TernaryGemm.Run(a, planes, scales, bias, run, m, n, k, activation);
            string what = $"trial {trial} m={m} n={n} k={k}";
            BitExact.AssertEqual(expected, y128, "Vector128 " + what);
            BitExact.AssertEqual(expected, y256, "Vector256 " + what);
            BitExact.AssertEqual(expected, run, "Run " + what);
        }
    }

    [Fact]
    public void ReferenceEqualsTheDenseTernaryLayerWithinFloatRounding()
    {
        var data = new TestData(92);
        for (int trial = 0; trial < 60; trial++)
        {
            int m = data.Next(1, 3), n = data.Next(1, 19), k = data.Next(1, 70);
            var (a, planes, scales, bias) = RandomLayer(data, m, n, k, adversarial: false);
            var activation = data.AnyActivation();
            var dense = Dequantize(planes, scales, n, k);
            float[] y = TestData.Poisoned(m * n);
            TernaryGemm.Reference(a, planes, scales, bias, y, m, n, k, activation);
            Accuracy.AssertClose(Oracle.Gemm(a, dense, bias, m, n, k, activation), y, $"trial {trial} m={m} n={n} k={k}");
        }
    }

    /// <summary>Random inputs and ternary planes; adversarial ones mix signed zeros, infinities, NaN and huge values.</summary>
    private static (float[] A, byte[] Planes, float[] Scales, float[] Bias) RandomLayer(TestData data, int m, int n, int k, bool adversarial)
    {
        float[] a = data.Floats(m * k, 4f);
        if (adversarial)
        {
            float[] specials = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 3e38f, -3e38f, 1e-45f];
            for (int i = 0; i < a.Length; i += data.Next(1, 5)) a[i] = specials[data.Next(0, specials.Length - 1)];
        }

        float[] scales = data.Floats(n);
        float[] bias = data.Coin() ? [] : data.Floats(n);
        return (a, RandomPlanes(data, n, k), scales, bias);
    }

    /// <summary>Bit-planes of n random rows of k weights in {-1, 0, +1}.</summary>
    internal static byte[] RandomPlanes(TestData data, int n, int k)
    {
        int kBytes = TernaryGemm.PlaneBytes(k);
        var planes = new byte[2 * n * kBytes];
        for (int j = 0; j < n; j++)
        {
            for (int c = 0; c < k; c++)
            {
                int weight = data.Next(-1, 1), bit = 1 << (c % 8);
                if (weight > 0) planes[(2 * j * kBytes) + (c / 8)] |= (byte)bit;
                if (weight < 0) planes[((2 * j + 1) * kBytes) + (c / 8)] |= (byte)bit;
            }
        }

        return planes;
    }

    /// <summary>The float weights [n, k] the planes and scales stand for: (plus - minus) x scale.</summary>
    internal static float[] Dequantize(byte[] planes, float[] scales, int n, int k)
    {
        var dense = new float[n * k];
        int kBytes = TernaryGemm.PlaneBytes(k);
        for (int j = 0; j < n; j++)
        {
            for (int c = 0; c < k; c++)
            {
                int plus = (planes[(2 * j * kBytes) + (c / 8)] >> (c % 8)) & 1, minus = (planes[((2 * j + 1) * kBytes) + (c / 8)] >> (c % 8)) & 1;
                dense[j * k + c] = (plus - minus) * scales[j];
            }
        }

        return dense;
    }
}
