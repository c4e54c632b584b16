using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class MatMulTests
{
    [Fact]
    public void MatMulMatchesOracleWithBatchBroadcasting()
    {
        var data = new TestData(21);
        for (int trial = 0; trial < 120; trial++)
        {
            int batch = data.Next(1, 3), m = data.Next(1, 9), n = trial % 4 == 0 ? 1 : data.Next(1, 67), k = data.Next(1, 40);
            bool broadcastA = batch > 1 && data.Coin(), broadcastB = batch > 1 && !broadcastA && data.Coin();
            float[] a = data.Floats((broadcastA ? 1 : batch) * m * k), b = data.Floats((broadcastB ? 1 : batch) * k * n);
            int strideA = broadcastA ? 0 : m * k, strideB = broadcastB ? 0 : k * n;
            double[] expected = Oracle.MatMul(a, b, batch, m, n, k, broadcastA, broadcastB);
            string what = $"batch={batch} m={m} n={n} k={k} bcastA={broadcastA} bcastB={broadcastB}";

            float[] y = TestData.Poisoned(batch * m * n);
            MatMul.Run(a, b, y, batch, m, n, k, strideA, strideB);
            Accuracy.AssertClose(expected, y, "Run " + what);

            y = TestData.Poisoned(batch * m * n);
            MatMul.Reference(a, b, y, batch, m, n, k, strideA, strideB);
            Accuracy.AssertClose(expected, y, "Reference " + what);
        }
    }
}
