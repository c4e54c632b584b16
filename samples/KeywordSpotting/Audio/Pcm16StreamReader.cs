using System;
using System.Buffers.Binary;
using System.IO;

namespace KeywordSpotting.Audio;

/// <summary>Reads headerless signed 16-bit little-endian mono PCM from a stream (e.g. stdin) in chunks.</summary>
public sealed class Pcm16StreamReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _pending;

    /// <summary>Fills <paramref name="samples"/> with as many samples as arrive; returns 0 at end of stream.</summary>
    public int Read(Span<float> samples)
    {
        if (samples.IsEmpty)
        {
            throw new ArgumentException("Need room for at least one sample.", nameof(samples));
        }

        var wanted = Math.Min(samples.Length, _buffer.Length / 2) * 2;
        while (_pending < 2)
        {
            var read = stream.Read(_buffer, _pending, wanted - _pending);
            if (read == 0)
            {
                return 0;
            }

            _pending += read;
        }

        var count = _pending / 2;
        for (var i = 0; i < count; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(_buffer.AsSpan(2 * i)) / 32768f;
        }

        // An odd byte (half a sample) waits for the next read.
        var leftover = _pending - 2 * count;
        if (leftover == 1)
        {
            _buffer[0] = _buffer[2 * count];
        }

        _pending = leftover;
        return count;
    }
}
