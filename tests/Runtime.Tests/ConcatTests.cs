using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class ConcatTests
{
    [Fact]
    public void BlocksLandAtTheirColumnOffsets()
    {
        var data = new TestData(111);
        for (int trial = 0; trial < 50; trial++)
        {
            int outer = data.Next(1, 5), first = data.Next(1, 33), second = trial % 5 == 0 ? 0 : data.Next(1, 33);
            float[] a = data.Floats(outer * first), b = data.Floats(outer * second);
            int inner = first + second;
            float[] y = TestData.Poisoned(outer * inner);
            Concat.CopyBlock(a, y, outer, first, inner, 0);
            Concat.CopyBlock(b, y, outer, second, inner, first);

            var expected = new double[y.Length];
            for (int o = 0; o < outer; o++)
            {
                for (int j = 0; j < inner; j++)
                {
                    expected[o * inner + j] = j < first ? a[o * first + j] : b[o * second + j - first];
                }
            }

            Accuracy.AssertClose(expected, y, $"outer={outer} {first}+{second}");
        }
    }
}
