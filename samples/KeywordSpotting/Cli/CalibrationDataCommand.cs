using System;
using System.Collections.Generic;
using System.IO;
using KeywordSpotting.Audio;
using KeywordSpotting.Evaluation;
using KeywordSpotting.Features;
using QuantizedModels.Runtime;

namespace KeywordSpotting.Cli;

/// <summary>
/// <c>kws --calibration-data DIR OUT.npy</c>: the MFCCs of a folder's clips, saved as the float32 .npy array the
/// QuantizedModels generator calibrates int8 ranges on ([clips, 1, 49, 10], the float model's input per clip).
/// </summary>
public static class CalibrationDataCommand
{
    public static int Run(CommandLine options, TextWriter output, TextWriter errors)
    {
        var clips = SpeechCommandsFolder.ListClips(options.Paths[0], options.ListFile);
        var frontEnd = new MlperfKwsFrontEnd();
        var features = new float[MlperfKwsFrontEnd.FeatureLength];
        var all = new List<float>(clips.Count * features.Length);
        var progress = new ProgressBar(errors, clips.Count);
        for (var i = 0; i < clips.Count; i++)
        {
            var samples = AudioFile.LoadMono(clips[i].Path, MlperfKwsFrontEnd.SampleRate).Samples;
            var length = Math.Min(MlperfKwsFrontEnd.ClipLength, samples.Length - clips[i].StartSample);
            frontEnd.Extract(samples.AsSpan(clips[i].StartSample, length), features);
            all.AddRange(features);
            progress.Report(i + 1);
        }

        using (var file = File.Create(options.Paths[1]))
        {
            CalibrationFile.Write(file, all.ToArray(), clips.Count, DsCnnInputs.FloatModelShape[1..]);
        }

        output.WriteLine($"wrote {clips.Count} clips of MFCCs to {options.Paths[1]}");
        return 0;
    }
}
