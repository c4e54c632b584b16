namespace KeywordSpotting.Audio;

/// <summary>How the samples of a WAVE file's data chunk are encoded.</summary>
public enum WavSampleEncoding
{
    /// <summary>Integer PCM: unsigned for 8 bits, signed little-endian for 16, 24 and 32 bits.</summary>
    Pcm,

    /// <summary>IEEE 754 little-endian float, 32 or 64 bits.</summary>
    IeeeFloat,
}

/// <summary>The parts of a WAVE <c>fmt </c> chunk needed to decode its data chunk.</summary>
public sealed record WavFormat(WavSampleEncoding Encoding, int Channels, int SampleRate, int BitsPerSample)
{
    public int BytesPerSample => BitsPerSample / 8;

    public int BytesPerFrame => BytesPerSample * Channels;
}
