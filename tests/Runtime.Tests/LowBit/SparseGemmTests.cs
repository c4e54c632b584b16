using System;
using System.Collections.Generic;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class SparseGemmTests
{
    [Fact]
    public void EqualsTheDenseReferenceBitForBitAtEverySparsity()
    {
        var data = new TestData(93);
        for (int trial = 0; trial < 120; trial++)
        {
            int m = data.Next(1, 3), n = data.Next(1, 19), k = data.Next(1, 90);
            double zeroFraction = trial % 4 == 0 ? 1.0 : data.Next(0, 100) / 100.0;
            float[] a = data.Floats(m * k, 4f), dense = data.Floats(n * k);
            var random = new Random(trial);
            for (int i = 0; i < dense.Length; i++) if (random.NextDouble() < zeroFraction) dense[i] = 0f;
            float[] bias = data.Coin() ? [] : data.Floats(n);
            var activation = data.AnyActivation();

            var values = new List<float>();
            var columns = new List<ushort>();
            var rowStarts = new int[n + 1];
            for (int j = 0; j < n; j++)
            {
                for (int c = 0; c < k; c++)
                {
                    if (dense[j * k + c] == 0f) continue;
                    values.Add(dense[j * k + c]);
                    columns.Add((ushort)c);
                }

                rowStarts[j + 1] = values.Count;
            }

            float[] expected = TestData.Poisoned(m * n), y = TestData.Poisoned(m * n);
            Gemm.Reference(a, dense, bias, expected, m, n, k, activation);
            SparseGemm.Run(a, values.ToArray(), columns.ToArray(), rowStarts, bias, y, m, n, k, activation);
            BitExact.AssertEqual(expected, y, $"trial {trial} m={m} n={n} k={k} zeros={zeroFraction}");
        }
    }
}
