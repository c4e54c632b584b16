using System.Runtime.Intrinsics;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class FixedPointVectorTests
{
    private static readonly int[] Edges = [int.MinValue, int.MinValue + 1, -(1 << 30), -3, -1, 0, 1, 3, 1 << 30, int.MaxValue];

    [Fact]
    public void HighMulMatchesScalarIncludingSaturation()
    {
        var data = new TestData(71);
        foreach (int b in Edges)
        {
            AssertLanes(data, x => FixedPointVector.SaturatingRoundingDoublingHighMul(x, b), a => FixedPoint.SaturatingRoundingDoublingHighMul(a, b));
        }

        for (int i = 0; i < 2_000; i++)
        {
            int b = data.Next(int.MinValue, int.MaxValue - 1);
            AssertLanes(data, x => FixedPointVector.SaturatingRoundingDoublingHighMul(x, b), a => FixedPoint.SaturatingRoundingDoublingHighMul(a, b));
        }
    }

    [Fact]
    public void RoundingDivideMatchesScalarForEveryShift()
    {
        var data = new TestData(72);
        for (int exponent = 0; exponent <= 31; exponent++)
        {
            for (int i = 0; i < 200; i++)
            {
                AssertLanes(data, x => FixedPointVector.RoundingDivideByPOT(x, exponent), a => FixedPoint.RoundingDivideByPOT(a, exponent));
            }
        }
    }

    [Fact]
    public void MultiplyByQuantizedMultiplierMatchesScalar()
    {
        var data = new TestData(73);
        for (int i = 0; i < 5_000; i++)
        {
            int multiplier = data.Next(int.MinValue, int.MaxValue - 1), shift = data.Next(-31, 30);
            AssertLanes(data, x => FixedPointVector.MultiplyByQuantizedMultiplier(x, multiplier, shift),
                        a => FixedPoint.MultiplyByQuantizedMultiplier(a, multiplier, shift));
        }
    }

    [Fact]
    public void MultiplyByPowerOfTwoMatchesScalarForEveryShift()
    {
        var data = new TestData(74);
        for (int shift = -31; shift <= 30; shift++)
        {
            for (int i = 0; i < 200; i++)
            {
                AssertLanes(data, x => FixedPointVector.MultiplyByPowerOfTwo(x, shift), a => FixedPoint.MultiplyByPowerOfTwo(a, shift));
            }
        }
    }

    /// <summary>Four lanes of edges, small values and full-range values through both forms.</summary>
    private static void AssertLanes(TestData data, System.Func<Vector128<int>, Vector128<int>> vector, System.Func<int, int> scalar)
    {
        var lanes = new int[4];
        for (int lane = 0; lane < 4; lane++)
        {
            lanes[lane] = data.Next(0, 2) switch
            {
                0 => Edges[data.Next(0, Edges.Length - 1)],
                1 => data.Next(-5000, 5000),
                _ => data.Next(int.MinValue, int.MaxValue - 1),
            };
        }

        Vector128<int> result = vector(Vector128.Create(lanes));
        for (int lane = 0; lane < 4; lane++)
        {
            Assert.Equal(scalar(lanes[lane]), result[lane]);
        }
    }
}
