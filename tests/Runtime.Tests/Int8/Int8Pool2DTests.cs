using System.Linq;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8Pool2DTests
{
    // 3x3 input, 2x2 window, stride 2, pad 1: windows {x00}, {x01, x02}, {x10, x20}, {x11, x12, x21, x22}.
    private static readonly Int8PoolShape HandShape = new(1, 3, 3, 1, 2, 2, 2, 2, 2, 2, 1, 1);

    [Fact]
    public void HandComputedAverageRoundsHalfAwayFromZeroOverInRangeTaps()
    {
        sbyte[] positive = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        AssertAverage(positive, [1, 3, 6, 7], -128, 127);                       // 2.5 -> 3, 5.5 -> 6
        AssertAverage(Negate(positive), [-1, -3, -6, -7], -128, 127);           // -2.5 -> -3, -5.5 -> -6
        AssertAverage(Negate(positive), [-1, -3, -5, -5], -5, 127);             // fused clamp
    }

    [Fact]
    public void HandComputedMaxIgnoresPadding()
    {
        sbyte[] positive = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        AssertMax(positive, [1, 3, 7, 9], -128, 127);
        AssertMax(Negate(positive), [-1, -2, -4, -5], -128, 127);
        AssertMax(Negate(positive), [-1, -2, -3, -3], -3, 127);
    }

    [Fact]
    public void RandomPoolsMatchTheReferenceBitForBit()
    {
        var data = new TestData(61);
        for (int trial = 0; trial < 400; trial++)
        {
            int inH = data.Next(1, 9), inW = data.Next(1, 9), fh = data.Next(1, 4), fw = data.Next(1, 4);
            int sh = data.Next(1, 3), sw = data.Next(1, 3), pt = data.Next(0, fh - 1), pl = data.Next(0, fw - 1);
            int outH = (inH + pt - fh) / sh + 1 + data.Next(0, 1), outW = (inW + pl - fw) / sw + 1 + data.Next(0, 1);
            if (outH <= 0 || outW <= 0)
            {
                continue;
            }

            var shape = new Int8PoolShape(data.Next(1, 2), inH, inW, data.Next(1, 67), outH, outW, fh, fw, sh, sw, pt, pl);
            sbyte[] x = Int8Samples.Tensor(data, shape.Batch * inH * inW * shape.Channels);
            (int min, int max) = Int8Samples.ActivationRange(data);
            int outputs = shape.Batch * outH * outW * shape.Channels;
            sbyte[] expected = Int8Samples.Poisoned(outputs), actual = Int8Samples.Poisoned(outputs);

            Int8Pool2D.MaxReference(x, expected, shape, min, max);
            Int8Pool2D.Max(x, actual, shape, min, max);
            Assert.Equal(expected, actual);

            Int8Pool2D.AverageReference(x, expected, shape, min, max);
            Int8Pool2D.Average(x, actual, shape, min, max);
            Assert.Equal(expected, actual);
        }
    }

    private static sbyte[] Negate(sbyte[] values) => values.Select(v => (sbyte)-v).ToArray();

    private static void AssertAverage(sbyte[] x, sbyte[] expected, int min, int max)
    {
        var y = new sbyte[4];
        Int8Pool2D.AverageReference(x, y, HandShape, min, max);
        Assert.Equal(expected, y);
        Int8Pool2D.Average(x, y, HandShape, min, max);
        Assert.Equal(expected, y);
    }

    private static void AssertMax(sbyte[] x, sbyte[] expected, int min, int max)
    {
        var y = new sbyte[4];
        Int8Pool2D.MaxReference(x, y, HandShape, min, max);
        Assert.Equal(expected, y);
        Int8Pool2D.Max(x, y, HandShape, min, max);
        Assert.Equal(expected, y);
    }
}
