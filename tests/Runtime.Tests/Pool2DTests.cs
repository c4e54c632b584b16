using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class Pool2DTests
{
    [Fact]
    public void RandomWindowsIncludingCeilModeOverrunMatchOracle()
    {
        var data = new TestData(41);
        for (int trial = 0; trial < 300; trial++)
        {
            int inH = data.Next(1, 12), inW = data.Next(1, 17), kh = data.Next(1, 4), kw = data.Next(1, 4);
            int sh = data.Next(1, 4), sw = data.Next(1, 4), dh = data.Next(1, 2), dw = data.Next(1, 2);
            // Pads up to 4 also exceed the kernel, which leaves windows with no input tap.
            int pt = data.Next(0, 4), pl = data.Next(0, 4), pb = data.Next(0, 4), pr = data.Next(0, 4);
            bool ceil = data.Coin();
            int outH = OutSize(inH, pt + pb, kh, sh, dh, ceil), outW = OutSize(inW, pl + pr, kw, sw, dw, ceil);
            if (outH <= 0 || outW <= 0)
            {
                continue;
            }

            var shape = new Pool2DShape(data.Next(1, 2), data.Next(1, 3), inH, inW, outH, outW, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw);
            float[] x = data.Floats(shape.Batch * shape.Channels * inH * inW);
            if (data.Next(0, 5) == 0)
            {
                x[data.Next(0, x.Length - 1)] = float.NaN;
            }

            string what = $"{inH}x{inW} k{kh}x{kw} s{sh}x{sw} p{pt},{pl},{pb},{pr} d{dh}x{dw} ceil={ceil}";
            Compare(x, shape, max: true, countIncludePad: false, "Max " + what);
            bool include = data.Coin();
            Compare(x, shape, max: false, include, $"Average include={include} " + what);
        }
    }

    [Fact]
    public void GlobalAverageMatchesOracle()
    {
        var data = new TestData(42);
        for (int spatial = 1; spatial <= 67; spatial += 3)
        {
            int planes = data.Next(1, 9);
            float[] x = data.Floats(planes * spatial);
            var expected = new double[planes];
            for (int p = 0; p < planes; p++)
            {
                for (int i = 0; i < spatial; i++)
                {
                    expected[p] += x[p * spatial + i];
                }

                expected[p] /= spatial;
            }

            float[] y = TestData.Poisoned(planes);
            Pool2D.GlobalAverage(x, y, planes, spatial);
            Accuracy.AssertClose(expected, y, $"planes={planes} spatial={spatial}");
        }
    }

    /// <summary>ONNX output size; with ceil_mode a last window that would start past the padded input is dropped.</summary>
    private static int OutSize(int input, int pads, int kernel, int stride, int dilation, bool ceil)
    {
        int span = input + pads - ((kernel - 1) * dilation + 1);
        if (span < 0)
        {
            return 0;
        }

        int outSize = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        return ceil && (outSize - 1) * stride >= input + pads ? outSize - 1 : outSize;
    }

    private static void Compare(float[] x, Pool2DShape shape, bool max, bool countIncludePad, string what)
    {
        double[] expected = Oracle.Pool(x, shape, max, countIncludePad);
        float[] y = TestData.Poisoned(expected.Length);
        if (max)
        {
            Pool2D.Max(x, y, shape);
        }
        else
        {
            Pool2D.Average(x, y, shape, countIncludePad);
        }

        Accuracy.AssertClose(expected, y, "Run " + what);

        y = TestData.Poisoned(expected.Length);
        Pool2D.Reference(x, y, shape, countIncludePad, max);
        Accuracy.AssertClose(expected, y, "Reference " + what);
    }
}
