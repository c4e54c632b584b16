using System;
using System.IO;

namespace KeywordSpotting.Tests;

/// <summary>Paths of the data files copied next to the test assembly.</summary>
internal static class TestData
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "data");

    public static string SpeechCommandsRoot { get; } = Path.Combine(Root, "speech_commands_subset");

    public static string FloatModel { get; } = Path.Combine(Root, "kws_ref_model_float.onnx");

    /// <summary>The clips (relative to the speech commands root) the sample's build-quantized model was calibrated on.</summary>
    public static string CalibrationClips { get; } = Path.Combine(Root, "calibration_clips.txt");

    /// <summary>The clips bundled with the sample, named word_speaker_nohash_n.wav.</summary>
    public static string SampleAudioRoot { get; } = Path.Combine(Root, "sample_audio");

    public static string SpeechCommands(string word, string file) => Path.Combine(SpeechCommandsRoot, word, file);
}
