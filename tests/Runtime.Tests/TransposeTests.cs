using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class TransposeTests
{
    [Fact]
    public void RandomPermutationsUpToRankSixMatchOracle()
    {
        var data = new TestData(91);
        for (int trial = 0; trial < 300; trial++)
        {
            int[] shape = RandomShapes.RandomShape(data, 1, 6);
            int[] perm = new int[shape.Length];
            for (int d = 0; d < perm.Length; d++)
            {
                perm[d] = d;
            }

            for (int d = perm.Length - 1; d > 0; d--)
            {
                int j = data.Next(0, d);
                (perm[d], perm[j]) = (perm[j], perm[d]);
            }

            float[] x = data.Floats(RandomShapes.Count(shape));
            double[] expected = Oracle.Transpose(x, shape, perm);
            string what = $"{RandomShapes.Show(shape)} perm {RandomShapes.Show(perm)}";

            float[] y = TestData.Poisoned(x.Length);
            Transpose.Run(x, y, shape, perm);
            Accuracy.AssertClose(expected, y, "Run " + what);

            y = TestData.Poisoned(x.Length);
            Transpose.Reference(x, y, shape, perm);
            Accuracy.AssertClose(expected, y, "Reference " + what);
        }
    }
}
