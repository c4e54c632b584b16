using System;
using System.IO;
using KeywordSpotting.Audio;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class WavReaderTests
{
    // Full scale is 1.0; each format below encodes these values exactly.
    private static readonly double[] Values = [0, 0.5, -0.5, 0.25, -1];

    [Fact]
    public void Reads_16_bit_pcm_scaled_by_32768()
    {
        var audio = WavReader.Read(TestWav.Pcm16Mono(16000, 0, 16384, -32768, 32767), "test.wav");

        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal([0f, 0.5f, -1f, 32767f / 32768f], audio.Samples);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(1, 24)]
    [InlineData(1, 32)]
    [InlineData(3, 32)]
    [InlineData(3, 64)]
    public void Reads_other_sample_formats(ushort tag, ushort bits)
    {
        var data = new MemoryStream();
        var writer = new BinaryWriter(data);
        foreach (var value in Values)
        {
            switch (tag, bits)
            {
                case (1, 8): writer.Write((byte)(128 + value * 128)); break;
                case (1, 24): var v = (int)(value * 8388608); writer.Write((byte)v); writer.Write((byte)(v >> 8)); writer.Write((byte)(v >> 16)); break;
                case (1, 32): writer.Write((int)Math.Max(int.MinValue, value * 2147483648.0)); break;
                case (3, 32): writer.Write((float)value); break;
                case (3, 64): writer.Write(value); break;
            }
        }

        var file = new TestWav().Format(tag, 1, 22050, bits).Chunk("data", data.ToArray()).ToBytes();
        var audio = WavReader.Read(file, "test.wav");

        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(Array.ConvertAll(Values, v => (float)v), audio.Samples);
    }

    [Fact]
    public void Reads_wave_format_extensible_by_its_sub_format()
    {
        var fmt = new MemoryStream();
        var writer = new BinaryWriter(fmt);
        writer.Write((ushort)0xFFFE);
        writer.Write((ushort)1);
        writer.Write(16000);
        writer.Write(32000);
        writer.Write((ushort)2);
        writer.Write((ushort)16);
        writer.Write((ushort)22);
        writer.Write((ushort)16);
        writer.Write(4);
        writer.Write((ushort)1); // KSDATAFORMAT_SUBTYPE_PCM begins with the PCM tag
        writer.Write(new byte[14]);
        var file = new TestWav().Chunk("fmt ", fmt.ToArray()).Chunk("data", [0x00, 0x40]).ToBytes();

        Assert.Equal([0.5f], WavReader.Read(file, "test.wav").Samples);
    }

    [Fact]
    public void Mixes_channels_down_to_their_mean()
    {
        short[] interleaved = [16384, -8192, 1000, -1000];
        var data = new byte[interleaved.Length * 2];
        Buffer.BlockCopy(interleaved, 0, data, 0, data.Length);
        var file = new TestWav().Format(1, 2, 16000, 16).Chunk("data", data).ToBytes();

        Assert.Equal([0.125f, 0f], WavReader.Read(file, "test.wav").Samples);
    }

    [Fact]
    public void Skips_unknown_chunks_including_odd_sized_ones()
    {
        var file = new TestWav()
            .Chunk("LIST", "INFOabc"u8.ToArray())
            .Format(1, 1, 16000, 16)
            .Chunk("odd ", [1, 2, 3])
            .Chunk("data", [0x00, 0x40, 0x00, 0xC0])
            .ToBytes();

        Assert.Equal([0.5f, -0.5f], WavReader.Read(file, "test.wav").Samples);
    }

    [Fact]
    public void Truncated_data_chunk_is_reported_with_the_file_name()
    {
        var whole = TestWav.Pcm16Mono(16000, 1, 2, 3, 4);
        var truncated = whole[..^3];

        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(truncated, "cut.wav"));

        Assert.StartsWith("cut.wav: chunk 'data' declares 8 bytes but only 5 remain", error.Message);
    }

    [Fact]
    public void Partial_frame_is_reported()
    {
        var file = new TestWav().Format(1, 2, 16000, 16).Chunk("data", [1, 2, 3, 4, 5, 6]).ToBytes();

        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(file, "x.wav"));

        Assert.Contains("not a whole number of 4-byte frames", error.Message);
    }

    [Theory]
    [InlineData("not a wave file at all")]
    [InlineData("RIFF\0\0\0\0WAVE")]
    public void Rejects_files_without_fmt_and_data(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(System.Text.Encoding.ASCII.GetBytes(text), "bad.wav"));

        Assert.StartsWith("bad.wav: ", error.Message);
    }

    [Fact]
    public void Rejects_data_before_fmt()
    {
        var file = new TestWav().Chunk("data", [0, 0]).Format(1, 1, 16000, 16).ToBytes();

        Assert.Throws<InvalidDataException>(() => WavReader.Read(file, "x.wav"));
    }

    [Fact]
    public void Rejects_unsupported_formats()
    {
        var file = new TestWav().Format(2, 1, 16000, 4).Chunk("data", [0, 0]).ToBytes(); // ADPCM

        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(file, "adpcm.wav"));

        Assert.Contains("unsupported sample format (format tag 2", error.Message);
    }

    [Fact]
    public void Reads_a_bundled_speech_commands_clip()
    {
        var audio = WavReader.Read(TestData.SpeechCommands("yes", "563aa4e6_nohash_2.wav"));

        Assert.Equal(16000, audio.SampleRate);
        Assert.InRange(audio.Samples.Length, 8000, 16000);
        Assert.Contains(audio.Samples, s => Math.Abs(s) > 0.05f);
    }
}
