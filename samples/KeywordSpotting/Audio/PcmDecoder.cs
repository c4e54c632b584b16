using System;
using System.Buffers.Binary;

namespace KeywordSpotting.Audio;

/// <summary>Decodes a WAVE data chunk to mono floats in [-1, 1], averaging the channels of each frame.</summary>
internal static class PcmDecoder
{
    public static float[] DecodeToMono(ReadOnlySpan<byte> data, WavFormat format, string sourceName)
    {
        var frameBytes = format.BytesPerFrame;
        if (data.Length % frameBytes != 0)
        {
            throw WavReader.Invalid(sourceName, $"'data' chunk holds {data.Length} bytes, not a whole number of {frameBytes}-byte frames (file truncated?)");
        }

        var mono = new float[data.Length / frameBytes];
        var sampleBytes = format.BytesPerSample;
        var channelWeight = 1f / format.Channels;
        for (var frame = 0; frame < mono.Length; frame++)
        {
            var frameData = data.Slice(frame * frameBytes, frameBytes);
            var sum = 0f;
            for (var channel = 0; channel < format.Channels; channel++)
            {
                sum += DecodeSample(frameData.Slice(channel * sampleBytes, sampleBytes), format);
            }

            mono[frame] = sum * channelWeight;
        }

        return mono;
    }

    private static float DecodeSample(ReadOnlySpan<byte> sample, WavFormat format) =>
        (format.Encoding, format.BitsPerSample) switch
        {
            (WavSampleEncoding.Pcm, 8) => (sample[0] - 128) / 128f,
            (WavSampleEncoding.Pcm, 16) => BinaryPrimitives.ReadInt16LittleEndian(sample) / 32768f,
            (WavSampleEncoding.Pcm, 24) => ((sample[0] | (sample[1] << 8) | (sample[2] << 16)) << 8 >> 8) / 8388608f,
            (WavSampleEncoding.Pcm, 32) => (float)(BinaryPrimitives.ReadInt32LittleEndian(sample) / 2147483648.0),
            (WavSampleEncoding.IeeeFloat, 32) => BinaryPrimitives.ReadSingleLittleEndian(sample),
            (WavSampleEncoding.IeeeFloat, 64) => (float)BinaryPrimitives.ReadDoubleLittleEndian(sample),
            _ => throw new NotSupportedException($"{format.BitsPerSample}-bit {format.Encoding} samples"),
        };
}
