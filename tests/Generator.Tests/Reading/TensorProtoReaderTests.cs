using System;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Onnx;
using Xunit;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Generator.Tests.Reading;

public class TensorProtoReaderTests
{
    private static ProtoWriter Tensor(ElementType type, params long[] dims) =>
        new ProtoWriter().PackedVarints(1, dims).Int(2, (long)type).String(8, "t");

    [Fact]
    public void BackendTestInputMatchesKnownValues()
    {
        // test_conv_with_strides_padding's x is arange(35) shaped [1,1,7,5].
        var x = TensorProtoReader.ReadTensor(TestData.Read("conv_with_strides_padding_input_0.pb"));
        Assert.Equal(ElementType.Float, x.Type);
        Assert.Equal(new long[] { 1, 1, 7, 5 }, x.Dims);
        var values = x.ToFloats();
        Assert.Equal(0f, values[0]);
        Assert.Equal(17f, values[17]);
        Assert.Equal(34f, values[34]);
    }

    [Fact]
    public void FloatDataPackedAndUnpacked()
    {
        var packed = Tensor(ElementType.Float, 2).Bytes(4, BitConverter.GetBytes(1.5f).Concat(BitConverter.GetBytes(-3f))).ToArray();
        var unpacked = Tensor(ElementType.Float, 2).Float(4, 1.5f).Float(4, -3f).ToArray();
        Assert.Equal(new[] { 1.5f, -3f }, TensorProtoReader.ReadTensor(packed).ToFloats());
        Assert.Equal(new[] { 1.5f, -3f }, TensorProtoReader.ReadTensor(unpacked).ToFloats());
    }

    [Fact]
    public void Float16ViaInt32DataBecomesTwoBytesEach()
    {
        var t = TensorProtoReader.ReadTensor(Tensor(ElementType.Float16, 2).PackedVarints(5, 0x3C00, 0xC000).ToArray());
        Assert.Equal(new byte[] { 0x00, 0x3C, 0x00, 0xC0 }, t.Bytes);
        Assert.Equal(new[] { 1f, -2f }, t.ToFloats());
    }

    [Theory]
    [InlineData((int)ElementType.Int8, new long[] { -128, 127 }, new byte[] { 0x80, 0x7F })]
    [InlineData((int)ElementType.UInt8, new long[] { 0, 255 }, new byte[] { 0x00, 0xFF })]
    [InlineData((int)ElementType.Bool, new long[] { 1, 0 }, new byte[] { 1, 0 })]
    [InlineData((int)ElementType.Int16, new long[] { -2, 258 }, new byte[] { 0xFE, 0xFF, 0x02, 0x01 })]
    [InlineData((int)ElementType.Int32, new long[] { -1, 65536 }, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 1, 0 })]
    public void Int32DataIsNarrowedToTheElementWidth(int type, long[] values, byte[] expected)
    {
        var t = TensorProtoReader.ReadTensor(Tensor((ElementType)type, values.Length).PackedVarints(5, values).ToArray());
        Assert.Equal(expected, t.Bytes);
    }

    [Fact]
    public void Int32DataOutOfRangeForInt8Fails()
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(Tensor(ElementType.Int8, 1).PackedVarints(5, 300).ToArray()));
        Assert.Contains("does not fit in int8", e.Message);
    }

    [Fact]
    public void Int64DoubleAndUInt64Fields()
    {
        Assert.Equal(new long[] { -5, 1L << 40 }, TensorProtoReader.ReadTensor(Tensor(ElementType.Int64, 2).PackedVarints(7, -5, 1L << 40).ToArray()).ToInt64s());
        var doubles = Tensor(ElementType.Double, 1).Key(10, 1).Raw(BitConverter.GetBytes(2.25)).ToArray();
        Assert.Equal(new[] { 2.25f }, TensorProtoReader.ReadTensor(doubles).ToFloats());
        Assert.Equal(new long[] { 4000000000 }, TensorProtoReader.ReadTensor(Tensor(ElementType.UInt32, 1).PackedVarints(11, 4000000000).ToArray()).ToInt64s());
        Assert.Equal(new long[] { 7 }, TensorProtoReader.ReadTensor(Tensor(ElementType.UInt64, 1).Int(11, 7).ToArray()).ToInt64s());
    }

    [Fact]
    public void RawDataOfWrongLengthFails()
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(Tensor(ElementType.Float, 3).Bytes(9, new byte[8]).ToArray()));
        Assert.Equal("The tensor 't' has 8 bytes of raw_data, but [3] elements of float32 need 12.", e.Message);
    }

    [Fact]
    public void TypedValueCountMismatchFails()
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(Tensor(ElementType.Int64, 3).PackedVarints(7, 1, 2).ToArray()));
        Assert.Contains("2 values in int64_data, but its dimensions need 3", e.Message);
    }

    [Fact]
    public void NegativeDimensionFails()
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(Tensor(ElementType.Float, 2, -3).ToArray()));
        Assert.Contains("negative dimension (-3) at position 1", e.Message);
    }

    [Theory]
    [InlineData(new long[] { long.MaxValue, long.MaxValue })]
    [InlineData(new long[] { 1L << 20, 1L << 20, 1L << 20 })]
    [InlineData(new long[] { 1L << 28, 2 })]
    public void HugeOrOverflowingDimensionsFailBeforeAllocating(long[] dims)
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(Tensor(ElementType.Float, dims).ToArray()));
        Assert.Contains("over the limit of 1073741824 bytes (1 GiB)", e.Message);
    }

    [Fact]
    public void ZeroDimensionIsAnEmptyTensorEvenBesideHugeOnes()
    {
        Assert.Empty(TensorProtoReader.ReadTensor(Tensor(ElementType.Float, long.MaxValue, 0).ToArray()).Bytes);
    }

    [Fact]
    public void StringTensorsAreRejected()
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(Tensor(ElementType.String, 1).String(6, "hi").ToArray()));
        Assert.Equal("The tensor 't' holds strings; string tensors are not supported.", e.Message);
    }

    [Fact]
    public void UnsupportedElementTypeIsNamed()
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(new ProtoWriter().Int(2, 16).ToArray()));
        Assert.StartsWith("The tensor has element type bfloat16, which is not supported", e.Message);
        Assert.Equal("QM0009", e.DiagnosticId);
    }

    [Fact]
    public void AnElementTypeOnnxDoesNotDefineIsAnInvalidModel()
    {
        var e = Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(new ProtoWriter().Int(2, 99).ToArray()));
        Assert.StartsWith("The tensor has element type code 99, which is not supported", e.Message);
        Assert.Equal("QM0002", e.DiagnosticId);
    }

    [Fact]
    public void ExternalDataInAStandaloneTensorFails()
    {
        var bytes = Tensor(ElementType.Float, 1).Message(13, new ProtoWriter().String(1, "location").String(2, "w.bin")).Int(14, 1).ToArray();
        Assert.Throws<ModelException>(() => TensorProtoReader.ReadTensor(bytes));
    }
}

internal static class ByteArrayConcat
{
    public static byte[] Concat(this byte[] first, byte[] second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result, 0);
        second.CopyTo(result, first.Length);
        return result;
    }
}
