using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class GemmTests
{
    [Fact]
    public void GemmMatchesOracleOnRandomShapesAndBiasForms()
    {
        var data = new TestData(11);
        for (int trial = 0; trial < 120; trial++)
        {
            int m = trial % 3 == 0 ? 1 : data.Next(1, 9), n = data.Next(1, 67), k = data.Next(1, 67);
            float[] a = data.Floats(m * k), bt = data.Floats(n * k);
            float[] bias = data.Next(0, 2) switch { 0 => [], 1 => data.Floats(n), _ => data.Floats(m * n) };
            Activation act = data.AnyActivation();
            double[] expected = Oracle.Gemm(a, bt, bias, m, n, k, act);
            string what = $"m={m} n={n} k={k} bias={bias.Length} act={act.Kind}";

            float[] y = TestData.Poisoned(m * n);
            Gemm.Run(a, bt, bias, y, m, n, k, act);
            Accuracy.AssertClose(expected, y, "Run " + what);

            y = TestData.Poisoned(m * n);
            Gemm.Reference(a, bt, bias, y, m, n, k, act);
            Accuracy.AssertClose(expected, y, "Reference " + what);
        }
    }

    [Fact]
    public void GemmOfAnMlpLayerMatchesOracle()
    {
        var data = new TestData(12);
        const int m = 1, n = 128, k = 784;
        float[] a = data.Floats(k), bt = data.Floats(n * k, 0.05f), bias = data.Floats(n);
        float[] y = new float[n];
        Gemm.Run(a, bt, bias, y, m, n, k, Activation.Relu);
        Accuracy.AssertClose(Oracle.Gemm(a, bt, bias, m, n, k, Activation.Relu), y, "1x784x128");
    }
}
