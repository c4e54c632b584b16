using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class ReduceTests
{
    [Fact]
    public void MeanOverEveryMaskMatchesOracle()
    {
        var data = new TestData(121);
        for (int trial = 0; trial < 300; trial++)
        {
            int[] shape = RandomShapes.RandomShape(data, 1, 6);
            int mask = data.Next(0, (1 << shape.Length) - 1);
            float[] x = data.Floats(RandomShapes.Count(shape));
            double[] expected = Oracle.ReduceMean(x, shape, mask);
            string what = $"{RandomShapes.Show(shape)} mask {mask}";

            float[] y = TestData.Poisoned(expected.Length);
            Reduce.Mean(x, y, shape, mask);
            Accuracy.AssertClose(expected, y, "Mean " + what);

            y = TestData.Poisoned(expected.Length);
            Reduce.MeanReference(x, y, shape, mask);
            Accuracy.AssertClose(expected, y, "MeanReference " + what);
        }
    }
}
