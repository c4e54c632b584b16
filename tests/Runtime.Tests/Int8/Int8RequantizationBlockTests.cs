using System.Linq;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8RequantizationBlockTests
{
    private static readonly int[] EdgeAccumulators = [int.MinValue, int.MinValue + 1, -(1 << 30), -3, -1, 0, 1, 3, 1 << 30, int.MaxValue];
    private static readonly int[] EdgeMultipliers = [int.MinValue, -(1 << 30), 0, 1, 1 << 30, int.MaxValue];

    /// <summary>Right shifts only, int8 offset and range: the plain path.</summary>
    [Fact]
    public void PlainBlocksMatchTheScalarForm() => AssertBlocks(81, plain: true);

    /// <summary>Any shift, int.MinValue multipliers, wide offsets: the general path.</summary>
    [Fact]
    public void GeneralBlocksMatchTheScalarForm() => AssertBlocks(82, plain: false);

    /// <summary>ONNX Runtime's float form: power-of-two scales put products on exact halves, huge accumulators round in the conversion.</summary>
    [Fact]
    public void FloatBlocksMatchTheScalarForm()
    {
        if (!Avx2.IsSupported)
        {
            return;
        }

        var data = new TestData(83);
        for (int trial = 0; trial < 3_000; trial++)
        {
            int channels = data.Next(1, 16), first = data.Next(0, 3);
            var requantization = Int8Samples.Requantization(data, first + channels);
            if (!requantization.IsFloat)
            {
                continue;
            }

            bool perTensor = requantization.ChannelCount == 1;
            AssertBlockMatches(data, requantization, perTensor ? 0 : first, channels);
        }
    }

    /// <summary>
    /// The shift-only form: its scalar Apply equals the fixed-point form with multipliers of 2^30 on every shift, and
    /// its block equals its scalar Apply lane by lane, wide offsets included.
    /// </summary>
    [Fact]
    public void ShiftOnlyBlocksMatchTheMultiplierForm()
    {
        var data = new TestData(84);
        for (int trial = 0; trial < 3_000; trial++)
        {
            int channels = data.Next(1, 16), first = data.Next(0, 3);
            var shifts = new int[data.Next(0, 3) == 0 ? 1 : first + channels];
            for (int c = 0; c < shifts.Length; c++)
            {
                shifts[c] = data.Next(-31, 30);
            }

            int offset = data.Coin() ? data.Next(-128, 127) : data.Next(int.MinValue, int.MaxValue - 1);
            int min = data.Next(-128, 127), max = data.Next(min, 127);
            var shiftOnly = Requantization.PowerOfTwo(shifts, offset, min, max);
            var multiplierForm = new Requantization(Enumerable.Repeat(1 << 30, shifts.Length).ToArray(), shifts, offset, min, max);
            for (int i = 0; i < 16; i++)
            {
                int accumulator = data.Coin() ? data.Next(-5000, 5000) : data.Next(int.MinValue, int.MaxValue - 1);
                int channel = data.Next(0, shifts.Length - 1);
                Assert.Equal(multiplierForm.Apply(accumulator, channel), shiftOnly.Apply(accumulator, channel));
            }

            if (Avx2.IsSupported)
            {
                AssertBlockMatches(data, shiftOnly, shifts.Length == 1 ? 0 : first, channels);
            }
        }
    }

    /// <summary>The float form rounds half to even (2.5 to 2, 3.5 to 4) where TFLite's high multiply rounds halves up (2.5 to 3, -3.5 to -3).</summary>
    [Fact]
    public void FloatFormRoundsHalfToEvenUnlikeTheFixedPointOne()
    {
        int[] accumulators = [5, -5, 7, -7, 1000, int.MinValue];
        var halfToEven = new Requantization([0.5f], 0, -128, 127);
        var halfUp = new Requantization([1 << 30], [0], 0, -128, 127);
        var even = new int[accumulators.Length];
        var up = new int[accumulators.Length];
        for (int i = 0; i < accumulators.Length; i++)
        {
            even[i] = halfToEven.Apply(accumulators[i], 0);
            up[i] = halfUp.Apply(accumulators[i], 0);
        }

        Assert.Equal([2, -2, 4, -4, 127, -128], even);
        Assert.Equal([3, -2, 4, -3, 127, -128], up);
    }

    private static void AssertBlocks(int seed, bool plain)
    {
        if (!Avx2.IsSupported)
        {
            return;
        }

        var data = new TestData(seed);
        for (int trial = 0; trial < 3_000; trial++)
        {
            int channels = data.Next(1, 16), first = data.Next(0, 3);
            bool perTensor = data.Next(0, 3) == 0;
            var multipliers = new int[perTensor ? 1 : first + channels];
            var shifts = new int[multipliers.Length];
            for (int c = 0; c < multipliers.Length; c++)
            {
                // 2^30 makes the high multiply a halving, so small accumulators hit its ties and the division's.
                multipliers[c] = data.Next(0, 2) switch
                {
                    0 => 1 << 30,
                    1 => EdgeMultipliers[data.Next(plain ? 1 : 0, EdgeMultipliers.Length - 1)],
                    _ => data.Next(int.MinValue + 1, int.MaxValue - 1),
                };
                shifts[c] = plain ? data.Next(-31, -1) : data.Next(-31, 30);
            }

            int offset = plain || data.Coin() ? data.Next(-128, 127) : data.Next(int.MinValue, int.MaxValue - 1);
            int min = data.Next(-128, 127), max = data.Next(min, 127);
            var requantization = new Requantization(multipliers, shifts, offset, min, max);
            AssertBlockMatches(data, requantization, perTensor ? 0 : first, channels);
        }
    }

    /// <summary>One block over random and edge accumulators equals the scalar form lane by lane.</summary>
    private static void AssertBlockMatches(TestData data, Requantization requantization, int first, int channels)
    {
        var block = new Int8RequantizationBlock(requantization, first, channels);
        var accumulators = new int[16];
        for (int lane = 0; lane < 16; lane++)
        {
            accumulators[lane] = data.Next(0, 2) switch
            {
                0 => EdgeAccumulators[data.Next(0, EdgeAccumulators.Length - 1)],
                1 => data.Next(-5000, 5000),
                _ => data.Next(int.MinValue, int.MaxValue - 1),
            };
        }

        Vector128<sbyte> actual = block.Apply(Vector256.Create(accumulators), Vector256.Create(accumulators, 8));
        for (int lane = 0; lane < channels; lane++)
        {
            Assert.Equal(requantization.Apply(accumulators[lane], first + lane), actual.GetElement(lane));
        }
    }
}
