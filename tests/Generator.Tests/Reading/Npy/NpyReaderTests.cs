using System;
using System.Linq;
using System.Text;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Reading.Npy;
using Xunit;

namespace QuantizedModels.Generator.Tests.Reading.Npy;

public class NpyReaderTests
{
    [Fact]
    public void Reads_a_float32_array_numpy_wrote()
    {
        var array = NpyReader.Read(TestData.Read("npy_float32_2x3.npy"), "calibration.npy");

        Assert.Equal(new long[] { 2, 3 }, array.Shape);
        Assert.Equal(new[] { 0f, 1.5f, -2f, 3.25f, -1e-3f, 7f }, array.Data);
    }

    /// <summary>The runtime's writer, which users call to save calibration data, writes exactly what numpy.save writes.</summary>
    [Fact]
    public void The_runtime_calibration_writer_matches_numpy_byte_for_byte()
    {
        var written = TestSupport.NpyWriter.Write(new[] { 0f, 1.5f, -2f, 3.25f, -1e-3f, 7f }, 2, 3);

        Assert.Equal(TestData.Read("npy_float32_2x3.npy"), written);
    }

    [Fact]
    public void Float64_and_float16_are_converted_to_float32()
    {
        Assert.Equal(new[] { 1f, -2f, 0.5f, 1e6f }, NpyReader.Read(TestData.Read("npy_float64_4.npy"), "x").Data);
        Assert.Equal(new[] { 1.5f, -0.25f }, NpyReader.Read(TestData.Read("npy_float16_2.npy"), "x").Data);
    }

    [Theory]
    [InlineData("npy_int32_2.npy", "'<i4'")]
    [InlineData("npy_fortran_2x2.npy", "Fortran")]
    public void Other_element_types_and_fortran_order_are_explained(string file, string expected)
    {
        var error = Assert.Throws<ModelException>(() => NpyReader.Read(TestData.Read(file), "calibration.npy"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("calibration.npy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_2_headers_are_read()
    {
        var array = NpyReader.Read(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new[] { 1f, 2f }, version: 2), "x");

        Assert.Equal(new long[] { 2 }, array.Shape);
        Assert.Equal(new[] { 1f, 2f }, array.Data);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", "needs 12")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999), }", "1 GiB")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", "not a tuple of sizes")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", "'>f4'")]
    [InlineData("{'fortran_order': False, 'shape': (2,), }", "'descr'")]
    public void Damaged_headers_are_explained(string header, string expected)
    {
        var error = Assert.Throws<ModelException>(() => NpyReader.Read(Build(header, new[] { 1f, 2f }, version: 1), "x"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_without_the_magic_or_cut_short_are_explained()
    {
        Assert.Contains("not a NumPy", Assert.Throws<ModelException>(() => NpyReader.Read(Encoding.ASCII.GetBytes("hello world!"), "x")).Message, StringComparison.Ordinal);
        var whole = TestData.Read("npy_float32_2x3.npy");
        for (var length = 0; length < whole.Length; length++)
        {
            Assert.Throws<ModelException>(() => NpyReader.Read(whole.Take(length).ToArray(), "x"));
        }
    }

    private static byte[] Build(string header, float[] data, int version)
    {
        var text = Encoding.ASCII.GetBytes(header + "\n");
        var preamble = new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0 };
        var length = version == 1 ? BitConverter.GetBytes((ushort)text.Length) : BitConverter.GetBytes((uint)text.Length);
        var payload = new byte[data.Length * 4];
        Buffer.BlockCopy(data, 0, payload, 0, payload.Length);
        return preamble.Concat(length).Concat(text).Concat(payload).ToArray();
    }
}
