using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace KeywordSpotting.Tests;

/// <summary>Builds WAVE files in memory for reader tests.</summary>
internal sealed class TestWav
{
    private readonly List<(string Id, byte[] Body)> _chunks = [];

    public static byte[] Pcm16Mono(int sampleRate, params short[] samples)
    {
        var data = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, data, 0, data.Length);
        return new TestWav().Format(1, 1, sampleRate, 16).Chunk("data", data).ToBytes();
    }

    public static byte[] Pcm16Mono(int sampleRate, ReadOnlySpan<float> samples)
    {
        var pcm = new short[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(MathF.Round(samples[i] * 32768f), short.MinValue, short.MaxValue);
        }

        return Pcm16Mono(sampleRate, pcm);
    }

    public TestWav Format(ushort tag, ushort channels, int sampleRate, ushort bits)
    {
        var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        var blockAlign = (ushort)(channels * bits / 8);
        writer.Write(tag);
        writer.Write(channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * blockAlign);
        writer.Write(blockAlign);
        writer.Write(bits);
        return Chunk("fmt ", body.ToArray());
    }

    public TestWav Chunk(string id, byte[] body)
    {
        _chunks.Add((id, body));
        return this;
    }

    public byte[] ToBytes()
    {
        var file = new MemoryStream();
        var writer = new BinaryWriter(file);
        writer.Write("RIFF"u8);
        writer.Write(0);
        writer.Write("WAVE"u8);
        foreach (var (id, body) in _chunks)
        {
            writer.Write(Encoding.ASCII.GetBytes(id));
            writer.Write(body.Length);
            writer.Write(body);
            if (body.Length % 2 == 1)
            {
                writer.Write((byte)0);
            }
        }

        var bytes = file.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
