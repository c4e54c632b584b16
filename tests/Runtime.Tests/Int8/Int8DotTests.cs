using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8DotTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryLengthAndOffsetMatchesTheReferenceBitForBit()
    {
        // Which fast path ran depends on the DOTNET_Enable* settings of this process; record them with the result.
        output.WriteLine($"AvxVnni={AvxVnni.IsSupported} Avx512BW={Avx512BW.IsSupported} Avx2={Avx2.IsSupported} " +
                         $"Sse2={Sse2.IsSupported} Vector128={Vector128.IsHardwareAccelerated} Dp={Dp.IsSupported}");
        var data = new TestData(21);
        for (int length = 0; length <= 67; length++)
        for (int trial = 0; trial < 30; trial++)
        {
            AssertMatches(Int8Samples.Tensor(data, length), Int8Samples.Tensor(data, length), Int8Samples.InputOffset(data));
        }

        foreach (int length in new[] { 96, 127, 128, 129, 255, 1000 })
        {
            AssertMatches(Int8Samples.Tensor(data, length), Int8Samples.Tensor(data, length), Int8Samples.InputOffset(data));
        }
    }

    [Fact]
    public void OffsetsOutsideTheZeroPointRangeStayExact()
    {
        var data = new TestData(22);
        foreach (int offset in new[] { int.MinValue, -70_000, -129, 129, 70_000, int.MaxValue })
        {
            AssertMatches(Int8Samples.Tensor(data, 61), Int8Samples.Tensor(data, 61), offset);
        }
    }

    [Fact]
    public void Int32OverflowWrapsLikeTheReference()
    {
        // (-128 - 127) * -128 = 32640 per element: 70,000 of them exceed int.MaxValue.
        var x = new sbyte[70_000];
        var w = new sbyte[70_000];
        System.Array.Fill(x, sbyte.MinValue);
        System.Array.Fill(w, sbyte.MinValue);
        int expected = unchecked(32640 * 70_000);
        Assert.Equal(expected, Int8Dot.Reference(x, w, -127));
        Assert.Equal(expected, Int8Dot.Run(x, w, -127));
    }

    private static void AssertMatches(sbyte[] x, sbyte[] w, int inputOffset) =>
        Assert.Equal(Int8Dot.Reference(x, w, inputOffset), Int8Dot.Run(x, w, inputOffset));
}
