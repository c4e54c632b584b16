using System;
using System.Diagnostics;
using System.Text;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Tflite;
using Xunit;

namespace QuantizedModels.Generator.Tests.Reading.Tflite;

/// <summary>Hostile bytes must end in a <see cref="ModelException"/> that says where, never another exception or a hang.</summary>
public class TfliteReaderDamageTests
{
    [Fact]
    public void EveryTruncationIsAModelException()
    {
        var model = TfliteTestData.Read(TfliteTestData.MicroSpeech);
        for (var length = 0; length < model.Length; length++)
        {
            var prefix = new byte[length];
            Array.Copy(model, prefix, length);
            Assert.Throws<ModelException>(() => TfliteReader.Read(prefix));
        }
    }

    [Fact]
    public void RandomBitFlipsGiveAGraphOrAModelExceptionQuickly()
    {
        var model = TfliteTestData.Read(TfliteTestData.MicroSpeech);
        var random = new Random(20261123);
        var rejected = 0;
        var clock = Stopwatch.StartNew();
        for (var trial = 0; trial < 2000; trial++)
        {
            var damaged = (byte[])model.Clone();
            for (var flip = 0; flip < 1 + (trial % 8); flip++)
            {
                var bit = random.Next(damaged.Length * 8);
                damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            try
            {
                TfliteReader.Read(damaged);
            }
            catch (ModelException)
            {
                rejected++;
            }
        }

        Assert.InRange(rejected, 1, 1999);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
    }

    [Fact]
    public void MissingIdentifierSaysItIsNotTflite()
    {
        var model = TfliteTestData.Read(TfliteTestData.MicroSpeech);
        model[4] = (byte)'X';
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(model));
        Assert.Contains("identifier 'TFL3'", error.Message);
    }

    [Fact]
    public void RootOffsetPastTheEndNamesTheByte()
    {
        var model = TfliteTestData.Read(TfliteTestData.MicroSpeech);
        WriteUInt32(model, 0, (uint)model.Length);
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(model));
        Assert.Equal($"The model's root table is truncated or damaged at byte 0: an offset points to byte {model.Length}, past the end of the {model.Length}-byte file.", error.Message);
    }

    [Fact]
    public void VtablePastTheEndIsReported()
    {
        var model = TfliteTestData.Read(TfliteTestData.MicroSpeech);
        var root = (int)BitConverter.ToUInt32(model, 0);
        WriteUInt32(model, root, unchecked((uint)(root - model.Length - 100)));
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(model));
        Assert.Contains($"at byte {root}: the table's vtable would be at byte {model.Length + 100}", error.Message);
    }

    [Fact]
    public void HugeVectorLengthIsReportedWithoutAllocating()
    {
        var model = TfliteTestData.Read(TfliteTestData.MicroSpeech);
        var tensors = new FlatBufferReader(model).Root().GetVector(TfliteSchema.Model.Subgraphs, 4)!.Value.GetTable(0).GetVector(TfliteSchema.SubGraph.Tensors, 4)!.Value;
        WriteUInt32(model, tensors.Start - 4, int.MaxValue);
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(model));
        Assert.Contains($"Subgraph 0 is truncated or damaged at byte {tensors.Start - 4}: a vector claims 2147483647 elements of 4 bytes", error.Message);
    }

    [Fact]
    public void OtherSchemaVersionsAreRejected()
    {
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(MinimalModel(version: 2)));
        Assert.Equal("The model uses TensorFlow Lite schema version 2; only version 3 is supported.", error.Message);
    }

    [Fact]
    public void ModelWithoutSubgraphsIsRejected()
    {
        var error = Assert.Throws<ModelException>(() => TfliteReader.Read(MinimalModel(version: 3)));
        Assert.Equal("The model has no subgraphs, so there is nothing to compile.", error.Message);
    }

    /// <summary>Root offset, "TFL3", a vtable with one field (version), and the table holding it.</summary>
    private static byte[] MinimalModel(uint version)
    {
        const int vtable = 8;
        const int table = 14;
        var model = new byte[table + 8];
        WriteUInt32(model, 0, table);
        Encoding.ASCII.GetBytes("TFL3").CopyTo(model, 4);
        WriteUInt16(model, vtable, 6);
        WriteUInt16(model, vtable + 2, 8);
        WriteUInt16(model, vtable + 4, 4);
        WriteUInt32(model, table, table - vtable);
        WriteUInt32(model, table + 4, version);
        return model;
    }

    private static void WriteUInt16(byte[] bytes, int at, ushort value) => BitConverter.GetBytes(value).CopyTo(bytes, at);

    private static void WriteUInt32(byte[] bytes, int at, uint value) => BitConverter.GetBytes(value).CopyTo(bytes, at);
}
