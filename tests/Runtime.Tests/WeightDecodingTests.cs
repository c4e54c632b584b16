using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class WeightDecodingTests
{
    [Fact]
    public void Float16DecodingEqualsTheScalarConversionOnEveryBitPattern()
    {
        var stored = new Half[ushort.MaxValue + 1];
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            stored[bits] = BitConverter.UInt16BitsToHalf((ushort)bits);
        }

        // Odd lengths and offsets make the vector loop leave a tail.
        foreach (int length in new[] { stored.Length, stored.Length - 1, 37, 1 })
        {
            ReadOnlySpan<Half> slice = stored.AsSpan(stored.Length - length);
            float[] expected = TestData.Poisoned(length), actual = TestData.Poisoned(length);
            WeightDecoding.Float16Reference(slice, expected);
            WeightDecoding.Float16(slice, actual);
            AssertBitwiseEqual(expected, actual, $"length {length}");
        }
    }

    [Fact]
    public void Float16ReferenceIsTheExactWidening()
    {
        var stored = new[] { (Half)0.5f, Half.MaxValue, Half.Epsilon, -Half.Epsilon, Half.NegativeInfinity, (Half)(-2.25f) };
        var weights = new float[stored.Length];
        WeightDecoding.Float16Reference(stored, weights);
        Assert.Equal(new[] { 0.5f, 65504f, MathF.Pow(2, -24), -MathF.Pow(2, -24), float.NegativeInfinity, -2.25f }, weights);
    }

    [Fact]
    public void Int8PerChannelDecodingEqualsTheScalarProductOnRandomAndExtremeData()
    {
        var data = new TestData(31);
        for (int trial = 0; trial < 200; trial++)
        {
            int channels = data.Next(1, 9), depth = data.Next(1, 150);
            var stored = new sbyte[channels * depth];
            for (int i = 0; i < stored.Length; i++)
            {
                // Every third trial is all saturation edges.
                stored[i] = trial % 3 == 0 ? (data.Coin() ? sbyte.MinValue : sbyte.MaxValue) : (sbyte)data.Next(-128, 127);
            }

            float[] scales = data.Floats(channels, 0.1f);
            scales[0] = trial % 5 == 0 ? float.Epsilon : scales[0];
            float[] expected = TestData.Poisoned(stored.Length), actual = TestData.Poisoned(stored.Length);
            WeightDecoding.Int8PerChannelReference(stored, scales, expected);
            WeightDecoding.Int8PerChannel(stored, scales, actual);
            AssertBitwiseEqual(expected, actual, $"channels {channels} depth {depth}");
        }
    }

    [Fact]
    public void Int8PerChannelReferenceScalesEachRowByItsChannel()
    {
        var weights = new float[6];
        WeightDecoding.Int8PerChannelReference(new sbyte[] { 1, -2, 127, -128, 0, 3 }, new[] { 0.5f, 2f }, weights);
        Assert.Equal(new[] { 0.5f, -1f, 63.5f, -256f, 0f, 6f }, weights);
    }

    private static void AssertBitwiseEqual(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8}), scalar gives {expected[i]} (0x{BitConverter.SingleToInt32Bits(expected[i]):X8})");
            }
        }
    }
}
