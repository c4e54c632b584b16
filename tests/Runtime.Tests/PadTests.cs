using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class PadTests
{
    [Theory]
    [InlineData(PadMode.Constant)]
    [InlineData(PadMode.Reflect)]
    [InlineData(PadMode.Edge)]
    [InlineData(PadMode.Wrap)]
    public void RandomPadsIncludingCropsMatchOracle(PadMode mode)
    {
        var data = new TestData(100 + (int)mode);
        for (int trial = 0; trial < 250; trial++)
        {
            int[] shape = RandomShapes.RandomShape(data, 1, 4);
            int rank = shape.Length;
            var pads = new int[2 * rank];
            for (int d = 0; d < rank; d++)
            {
                // Pads beyond the dim exercise repeated reflection and wrap; crops keep at least one element.
                pads[d] = data.Next(-1, 7);
                pads[rank + d] = data.Next(-1, 7);
                if (shape[d] + pads[d] + pads[rank + d] < 1 || (mode != PadMode.Constant && (pads[d] < 0 || pads[rank + d] < 0)))
                {
                    pads[d] = Math.Max(pads[d], 0);
                    pads[rank + d] = Math.Max(pads[rank + d], 0);
                }
            }

            float[] x = data.Floats(RandomShapes.Count(shape));
            const float value = 2.5f;
            double[] expected = Oracle.Pad(x, shape, pads, mode, value);
            string what = $"{mode} {RandomShapes.Show(shape)} pads {RandomShapes.Show(pads)}";

            float[] y = TestData.Poisoned(expected.Length);
            Pad.Run(x, y, shape, pads, mode, value);
            Accuracy.AssertClose(expected, y, "Run " + what);

            y = TestData.Poisoned(expected.Length);
            Pad.Reference(x, y, shape, pads, mode, value);
            Accuracy.AssertClose(expected, y, "Reference " + what);
        }
    }

    [Fact]
    public void ReflectAndWrapFollowOnnxExamples()
    {
        float[] x = [1, 2, 3];
        float[] y = new float[7];
        Pad.Run(x, y, [3], [2, 2], PadMode.Reflect, 0f);
        Assert.Equal(new float[] { 3, 2, 1, 2, 3, 2, 1 }, y);
        Pad.Run(x, y, [3], [2, 2], PadMode.Wrap, 0f);
        Assert.Equal(new float[] { 2, 3, 1, 2, 3, 1, 2 }, y);
        Pad.Run(x, y, [3], [2, 2], PadMode.Edge, 0f);
        Assert.Equal(new float[] { 1, 1, 1, 2, 3, 3, 3 }, y);
    }
}
