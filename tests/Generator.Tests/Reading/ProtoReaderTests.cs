using System.Collections.Generic;
using QuantizedModels.Generator.Reading.Protobuf;
using Xunit;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Generator.Tests.Reading;

public class ProtoReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL)]
    [InlineData(new byte[] { 0x7F }, 127UL)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128UL)]
    [InlineData(new byte[] { 0xAC, 0x02 }, 300UL)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    public void VarintsDecode(byte[] bytes, ulong expected)
    {
        Assert.Equal(expected, new ProtoReader(bytes).ReadVarint());
    }

    [Fact]
    public void NegativeInt64IsTenBytes()
    {
        var bytes = ProtoWriter.Varint(unchecked((ulong)-1L));
        Assert.Equal(10, bytes.Length);
        Assert.Equal(-1L, new ProtoReader(bytes).ReadInt64(WireType.Varint));
    }

    [Fact]
    public void VarintOverTenBytesFails()
    {
        var bytes = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };
        var e = Assert.Throws<ProtoFormatException>(() => new ProtoReader(bytes).ReadVarint());
        Assert.Contains("longer than 10 bytes", e.Problem);
    }

    [Fact]
    public void TruncatedVarintFails()
    {
        Assert.Throws<ProtoFormatException>(() => new ProtoReader(new byte[] { 0x80, 0x80 }).ReadVarint());
    }

    [Fact]
    public void PackedAndUnpackedRepeatedVarintsGiveTheSameValues()
    {
        var packed = new ProtoWriter().PackedVarints(1, 1, 300, -2).ToArray();
        var unpacked = new ProtoWriter().Int(1, 1).Int(1, 300).Int(1, -2).ToArray();
        Assert.Equal(ReadAllVarints(packed), ReadAllVarints(unpacked));
        Assert.Equal(new[] { 1UL, 300UL, unchecked((ulong)-2L) }, ReadAllVarints(packed));
    }

    [Fact]
    public void PackedAndUnpackedFloatsGiveTheSameBits()
    {
        var packedPayload = new List<byte>();
        packedPayload.AddRange(System.BitConverter.GetBytes(1.5f));
        packedPayload.AddRange(System.BitConverter.GetBytes(-2f));
        var packed = new ProtoWriter().Bytes(4, packedPayload.ToArray()).ToArray();
        var unpacked = new ProtoWriter().Float(4, 1.5f).Float(4, -2f).ToArray();
        Assert.Equal(ReadAllFixed32(packed), ReadAllFixed32(unpacked));
    }

    [Fact]
    public void PackedFixedRunOfWrongLengthFails()
    {
        var bytes = new ProtoWriter().Bytes(4, new byte[] { 1, 2, 3 }).ToArray();
        Assert.Throws<ProtoFormatException>(() => ReadAllFixed32(bytes));
    }

    [Fact]
    public void UnknownFieldsOfEveryWireTypeAreSkipped()
    {
        var bytes = new ProtoWriter()
            .Int(10, 5)
            .Key(11, 1).Raw(new byte[8])
            .String(12, "x")
            .Key(13, 3).Int(1, 7).Key(14, 3).Key(14, 4).Key(13, 4)
            .Fixed32(15, 9)
            .Int(1, 42)
            .ToArray();
        var reader = new ProtoReader(bytes);
        long found = 0;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1)
            {
                found = reader.ReadInt64(wireType);
            }
            else
            {
                reader.Skip(field, wireType);
            }
        }

        Assert.Equal(42, found);
    }

    [Fact]
    public void HugeDeclaredLengthFailsWithoutAllocating()
    {
        var bytes = new ProtoWriter().Key(1, 2).Raw(ProtoWriter.Varint(ulong.MaxValue >> 1)).Raw(new byte[] { 1, 2 }).ToArray();
        var reader = new ProtoReader(bytes);
        reader.TryReadTag(out _, out var wireType);
        var e = Assert.Throws<ProtoFormatException>(() => reader.ReadBytes(wireType));
        Assert.Equal(1, e.Offset);
        Assert.Contains("only 2 remain", e.Problem);
    }

    [Fact]
    public void WrongWireTypeForAKnownFieldFails()
    {
        var reader = new ProtoReader(new ProtoWriter().Int(1, 3).ToArray());
        reader.TryReadTag(out _, out var wireType);
        Assert.Throws<ProtoFormatException>(() => reader.ReadString(wireType));
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x0E })]
    [InlineData(new byte[] { 0x0C })]
    public void InvalidKeysFail(byte[] bytes)
    {
        Assert.Throws<ProtoFormatException>(() =>
        {
            var reader = new ProtoReader(bytes);
            reader.TryReadTag(out var field, out var wireType);
            reader.Skip(field, wireType);
        });
    }

    private static List<ulong> ReadAllVarints(byte[] bytes)
    {
        var reader = new ProtoReader(bytes);
        var values = new List<ulong>();
        while (reader.TryReadTag(out _, out var wireType))
        {
            reader.ReadRepeatedVarint(wireType, values);
        }

        return values;
    }

    private static List<uint> ReadAllFixed32(byte[] bytes)
    {
        var reader = new ProtoReader(bytes);
        var values = new List<uint>();
        while (reader.TryReadTag(out _, out var wireType))
        {
            reader.ReadRepeatedFixed32(wireType, values);
        }

        return values;
    }
}
