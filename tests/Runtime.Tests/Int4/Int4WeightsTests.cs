using System;
using System.Linq;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class Int4WeightsTests
{
    /// <summary>Lengths around the 32-element block: empty, tails only, whole blocks, blocks and a tail.</summary>
    public static TheoryData<int> Lengths => new() { 0, 1, 15, 16, 17, 31, 32, 33, 64, 100, 1000 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Pack_then_unpack_gives_back_every_int4_value(int length)
    {
        var random = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-8, 8)).ToArray();
        var unpacked = new sbyte[length];
        var result = Int4Weights.Unpack(Int4Packing.Pack(values), unpacked);
        Assert.Equal(values, result.ToArray());
        Assert.Equal(values, unpacked);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Vector_path_equals_the_scalar_reference_on_every_byte_pattern(int length)
    {
        // Arbitrary bytes, including 0x80, 0x7F, 0x08 and 0xF0: every nibble pair a packed weight can hold.
        var packed = Enumerable.Range(0, Int4Packing.PackedLength(length)).Select(i => (byte)(i * 37 + length)).ToArray();
        var expected = new sbyte[length];
        Int4Weights.UnpackScalar(packed, expected, 0);
        var actual = new sbyte[length];
        Int4Weights.Unpack(packed, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Layout_puts_element_j_in_the_low_nibble_and_j_plus_16_in_the_high_nibble_of_byte_j()
    {
        var values = new sbyte[32];
        values[3] = -8;
        values[19] = 7;
        var packed = Int4Packing.Pack(values);
        Assert.Equal(16, packed.Length);
        Assert.Equal(0x78, packed[3]);
        Assert.All(packed.Where((_, i) => i != 3), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Pack_rejects_values_outside_int4()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Int4Packing.Pack(new sbyte[] { 8 }));
    }

    [Fact]
    public void Unpack_rejects_too_few_packed_bytes()
    {
        Assert.Throws<ArgumentException>(() => Int4Weights.Unpack(new byte[15], new sbyte[32]));
    }
}
