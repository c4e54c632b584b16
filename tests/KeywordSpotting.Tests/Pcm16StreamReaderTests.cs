using System;
using System.Collections.Generic;
using System.IO;
using KeywordSpotting.Audio;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class Pcm16StreamReaderTests
{
    /// <summary>A pipe-like stream that hands out at most three bytes per read, splitting samples.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 3));
    }

    [Fact]
    public void Reassembles_samples_split_across_reads()
    {
        short[] pcm = [0, 16384, -32768, 32767, -1, 8192, 3];
        var bytes = new byte[pcm.Length * 2];
        Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
        var reader = new Pcm16StreamReader(new TrickleStream(bytes));
        var samples = new List<float>();
        var chunk = new float[4];

        int count;
        while ((count = reader.Read(chunk)) > 0)
        {
            samples.AddRange(chunk[..count]);
        }

        Assert.Equal(Array.ConvertAll(pcm, s => s / 32768f), samples);
    }

    [Fact]
    public void Trailing_half_sample_is_dropped_at_end_of_stream()
    {
        var reader = new Pcm16StreamReader(new MemoryStream([0x00, 0x40, 0x7F]));
        var chunk = new float[8];

        Assert.Equal(1, reader.Read(chunk));
        Assert.Equal(0.5f, chunk[0]);
        Assert.Equal(0, reader.Read(chunk));
    }
}
