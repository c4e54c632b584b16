using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class SoftmaxTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MatchesOracleOnLargeAndOrdinaryValues(bool log)
    {
        var data = new TestData(log ? 81 : 82);
        for (int trial = 0; trial < 150; trial++)
        {
            int outer = data.Next(1, 3), axis = data.Next(1, trial < 10 ? 300 : 67), inner = trial % 3 == 0 ? data.Next(2, 7) : 1;
            // Values near float's exp overflow must not matter after the max is subtracted.
            float range = trial % 2 == 0 ? 1000f : 5f;
            float[] x = data.Floats(outer * axis * inner, range);
            double[] expected = Oracle.Softmax(x, outer, axis, inner, log);
            string what = $"log={log} outer={outer} axis={axis} inner={inner} range={range}";

            float[] y = TestData.Poisoned(x.Length);
            if (log)
            {
                Softmax.RunLog(x, y, outer, axis, inner);
            }
            else
            {
                Softmax.Run(x, y, outer, axis, inner);
            }

            Accuracy.AssertClose(expected, y, "Run " + what);

            y = TestData.Poisoned(x.Length);
            Softmax.Reference(x, y, outer, axis, inner, log);
            Accuracy.AssertClose(expected, y, "Reference " + what);
        }
    }

    [Fact]
    public void RunsInPlace()
    {
        float[] x = [1000f, 1001f, 999f, float.NaN, 0f, 1f];
        double[] expected = Oracle.Softmax(x, 2, 3, 1, log: false);
        Softmax.Run(x, x, 2, 3, 1);
        Accuracy.AssertClose(expected, x, "softmax in place");

        x = [1000f, 1001f, 999f, 5f, 0f, 1f];
        expected = Oracle.Softmax(x, 2, 3, 1, log: true);
        Softmax.RunLog(x, x, 2, 3, 1);
        Accuracy.AssertClose(expected, x, "log softmax in place");
    }
}
