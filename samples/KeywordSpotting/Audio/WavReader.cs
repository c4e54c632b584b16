using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace KeywordSpotting.Audio;

/// <summary>
/// Reads RIFF/WAVE files: integer PCM (8, 16, 24, 32 bits) and IEEE float (32, 64 bits), plain or
/// WAVE_FORMAT_EXTENSIBLE, any channel count (mixed down to mono). Chunks other than <c>fmt </c> and
/// <c>data</c> (LIST, fact, cue, ...) are skipped. Malformed or truncated files raise
/// <see cref="InvalidDataException"/> naming the file and what is wrong.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatIeeeFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    public static MonoAudio Read(string path) => Read(File.ReadAllBytes(path), path);

    public static MonoAudio Read(ReadOnlySpan<byte> file, string sourceName)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file[8..12].SequenceEqual("WAVE"u8))
        {
            throw Invalid(sourceName, "not a RIFF/WAVE file (missing 'RIFF'...'WAVE' header)");
        }

        WavFormat? format = null;
        var position = 12;
        while (position + 8 <= file.Length)
        {
            var id = Encoding.ASCII.GetString(file.Slice(position, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(position + 4, 4));
            var bodyStart = position + 8;
            if (size > (uint)(file.Length - bodyStart))
            {
                throw Invalid(sourceName, $"chunk '{id}' declares {size} bytes but only {file.Length - bodyStart} remain (file truncated?)");
            }

            var body = file.Slice(bodyStart, (int)size);
            switch (id)
            {
                case "fmt ":
                    format = ParseFormat(body, sourceName);
                    break;
                case "data":
                    if (format is null)
                    {
                        throw Invalid(sourceName, "'data' chunk comes before any 'fmt ' chunk");
                    }

                    return new MonoAudio(format.SampleRate, PcmDecoder.DecodeToMono(body, format, sourceName));
            }

            // RIFF pads every chunk body to an even length.
            position = bodyStart + (int)size + (int)(size & 1);
        }

        throw Invalid(sourceName, format is null ? "no 'fmt ' chunk" : "no 'data' chunk (file truncated?)");
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> body, string sourceName)
    {
        if (body.Length < 16)
        {
            throw Invalid(sourceName, $"'fmt ' chunk is {body.Length} bytes, expected at least 16");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(body[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);

        if (tag == FormatExtensible)
        {
            if (body.Length < 40)
            {
                throw Invalid(sourceName, $"WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is {body.Length} bytes, expected 40");
            }

            // The sub-format GUID starts with the plain format tag.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
        }

        var encoding = tag switch
        {
            FormatPcm when bits is 8 or 16 or 24 or 32 => WavSampleEncoding.Pcm,
            FormatIeeeFloat when bits is 32 or 64 => WavSampleEncoding.IeeeFloat,
            _ => throw Invalid(sourceName, $"unsupported sample format (format tag {tag}, {bits} bits)"),
        };
        if (channels == 0 || sampleRate == 0 || sampleRate > int.MaxValue)
        {
            throw Invalid(sourceName, $"{channels} channels at {sampleRate} Hz is not a playable format");
        }

        var format = new WavFormat(encoding, channels, (int)sampleRate, bits);
        if (blockAlign != format.BytesPerFrame)
        {
            throw Invalid(sourceName, $"block align is {blockAlign} bytes but {channels} x {bits}-bit samples need {format.BytesPerFrame}");
        }

        return format;
    }

    internal static InvalidDataException Invalid(string sourceName, string problem) =>
        new($"{sourceName}: {problem}.");
}
