using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class BinaryTests
{
    [Fact]
    public void EveryBroadcastPatternMatchesOracle()
    {
        var data = new TestData(51);
        for (int trial = 0; trial < 400; trial++)
        {
            int rank = data.Next(0, 6);
            var outShape = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                outShape[d] = data.Next(1, rank > 3 ? 4 : 9);
            }

            int[] aShape = OperandShape(data, outShape), bShape = OperandShape(data, outShape);
            var op = (BinaryOp)data.Next(0, 3);
            Check(data, op, aShape, bShape, outShape);
        }
    }

    [Theory]
    [InlineData(new[] { 67 }, new[] { 67 }, new[] { 67 })]
    [InlineData(new[] { 3, 67 }, new int[0], new[] { 3, 67 })]
    [InlineData(new int[0], new[] { 5, 7 }, new[] { 5, 7 })]
    [InlineData(new[] { 1, 8, 5, 5 }, new[] { 8, 1, 1 }, new[] { 1, 8, 5, 5 })]
    [InlineData(new[] { 4, 13 }, new[] { 13 }, new[] { 4, 13 })]
    [InlineData(new[] { 4, 1 }, new[] { 1, 13 }, new[] { 4, 13 })]
    [InlineData(new[] { 1 }, new[] { 1 }, new[] { 1 })]
    public void NamedPatternsMatchOracle(int[] aShape, int[] bShape, int[] outShape)
    {
        var data = new TestData(52);
        for (int op = 0; op < 4; op++)
        {
            Check(data, (BinaryOp)op, aShape, bShape, outShape);
        }
    }

    [Fact]
    public void InPlaceAddOverwritesTheFirstOperand()
    {
        float[] a = [1, 2, 3, 4, 5], b = [10, 20, 30, 40, 50];
        Binary.Run(BinaryOp.Add, a, b, a, [5], [1], [1], Activation.None);
        Assert.Equal(new float[] { 11, 22, 33, 44, 55 }, a);
    }

    /// <summary>A numpy-compatible operand shape: a suffix of outShape with some dims set to 1.</summary>
    private static int[] OperandShape(TestData data, int[] outShape)
    {
        int rank = data.Next(0, outShape.Length);
        var shape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            shape[d] = data.Next(0, 2) == 0 ? 1 : outShape[outShape.Length - rank + d];
        }

        return shape;
    }

    private static void Check(TestData data, BinaryOp op, int[] aShape, int[] bShape, int[] outShape)
    {
        float[] a = data.Floats(Count(aShape)), b = data.Floats(Count(bShape));
        Activation act = data.AnyActivation();
        double[] expected = Oracle.Binary(op, a, aShape, b, bShape, outShape, act);
        int[] aStrides = BroadcastStrides(aShape, outShape), bStrides = BroadcastStrides(bShape, outShape);
        string what = $"{op} [{string.Join(",", aShape)}] [{string.Join(",", bShape)}] -> [{string.Join(",", outShape)}] {act.Kind}";

        float[] y = TestData.Poisoned(expected.Length);
        Binary.Run(op, a, b, y, outShape, aStrides, bStrides, act);
        Accuracy.AssertClose(expected, y, "Run " + what);

        y = TestData.Poisoned(expected.Length);
        Binary.Reference(op, a, b, y, outShape, aStrides, bStrides, act);
        Accuracy.AssertClose(expected, y, "Reference " + what);
    }

    /// <summary>What the emitter passes: element strides of the operand aligned to outShape, 0 where broadcast.</summary>
    private static int[] BroadcastStrides(int[] shape, int[] outShape)
    {
        var strides = new int[outShape.Length];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[outShape.Length - shape.Length + d] = shape[d] == 1 ? 0 : stride;
            stride *= shape[d];
        }

        return strides;
    }

    private static int Count(int[] shape)
    {
        int count = 1;
        foreach (int d in shape)
        {
            count *= d;
        }

        return count;
    }
}
