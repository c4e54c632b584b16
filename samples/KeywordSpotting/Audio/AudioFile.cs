namespace KeywordSpotting.Audio;

/// <summary>Loads a WAVE file as mono audio at the rate a model expects.</summary>
public static class AudioFile
{
    public static MonoAudio LoadMono(string path, int sampleRate) =>
        SincResampler.Resample(WavReader.Read(path), sampleRate);
}
