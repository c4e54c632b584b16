using System;
using QuantizedModels.Generator.Graph;
using Xunit;

namespace QuantizedModels.Generator.Tests.Reading;

public class HalfBitsTests
{
    [Fact]
    public void Every_binary16_value_converts_back_to_its_own_bits()
    {
        for (var bits = 0; bits <= ushort.MaxValue; bits++)
        {
            var half = BitConverter.UInt16BitsToHalf((ushort)bits);
            if (Half.IsNaN(half)) continue;
            Assert.Equal((ushort)bits, HalfBits.FromSingle((float)half));
        }
    }

    [Fact]
    public void Floats_round_to_nearest_even_as_System_Half_does()
    {
        var random = new Random(5);
        var edges = new[] { 65504f, 65519.99f, 65520f, 1e9f, 6.1e-5f, 6.1035156e-5f, 5.96e-8f, 2.98e-8f, 2.9802322e-8f, 1e-10f, -0f, 1.00048828125f, 1.00146484375f, float.PositiveInfinity };
        foreach (var value in edges)
        {
            Assert.Equal(BitConverter.HalfToUInt16Bits((Half)value), HalfBits.FromSingle(value));
            Assert.Equal(BitConverter.HalfToUInt16Bits((Half)(-value)), HalfBits.FromSingle(-value));
        }

        for (var i = 0; i < 200_000; i++)
        {
            var value = BitConverter.Int32BitsToSingle(random.Next(0x30000000, 0x48000000)) * (random.Next(2) == 0 ? 1 : -1);
            Assert.Equal(BitConverter.HalfToUInt16Bits((Half)value), HalfBits.FromSingle(value));
        }
    }
}
