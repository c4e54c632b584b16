using System;
using System.Globalization;
using System.IO;
using KeywordSpotting.Audio;
using KeywordSpotting.Evaluation;
using KeywordSpotting.Features;
using KeywordSpotting.Model;

namespace KeywordSpotting.Cli;

/// <summary><c>kws --evaluate DIR</c>: accuracy and confusion matrix over a Speech Commands-style folder.</summary>
public static class EvaluateCommand
{
    public static int Run(KeywordClassifier classifier, CommandLine options, TextWriter output, TextWriter errors)
    {
        var clips = SpeechCommandsFolder.ListClips(options.Paths[0], options.ListFile);
        var matrix = new ConfusionMatrix();
        var progress = new ProgressBar(errors, clips.Count);
        string? currentPath = null;
        float[] samples = [];
        for (var i = 0; i < clips.Count; i++)
        {
            var clip = clips[i];
            if (clip.Path != currentPath)
            {
                samples = AudioFile.LoadMono(clip.Path, MlperfKwsFrontEnd.SampleRate).Samples;
                currentPath = clip.Path;
            }

            var length = Math.Min(MlperfKwsFrontEnd.ClipLength, samples.Length - clip.StartSample);
            matrix.Add(clip.ExpectedLabel, classifier.Classify(samples.AsSpan(clip.StartSample, length)).LabelIndex);
            progress.Report(i + 1);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy {matrix.Correct}/{matrix.Total} = {100 * matrix.Accuracy:0.00} %"));
        output.Write(matrix.Format());
        return 0;
    }
}
