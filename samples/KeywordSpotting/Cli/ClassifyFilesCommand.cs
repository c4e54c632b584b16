using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using KeywordSpotting.Audio;
using KeywordSpotting.Features;
using KeywordSpotting.Model;

namespace KeywordSpotting.Cli;

/// <summary><c>kws FILE...</c>: the top class of each file's first second, its probability and timings.</summary>
public static class ClassifyFilesCommand
{
    public static int Run(KeywordClassifier classifier, IReadOnlyList<string> paths, TextWriter output, TextWriter errors)
    {
        var failures = 0;
        foreach (var path in paths)
        {
            try
            {
                var audio = AudioFile.LoadMono(path, MlperfKwsFrontEnd.SampleRate);
                var prediction = classifier.Classify(audio.Samples);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{path}\t{prediction.Label}\t{prediction.Probability:0.000}\tfeatures {prediction.FeatureTime.TotalMilliseconds:0.000} ms\tmodel {prediction.ModelTime.TotalMilliseconds:0.000} ms"));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                errors.WriteLine($"kws: {e.Message}");
                failures++;
            }
        }

        return failures == 0 ? 0 : 1;
    }
}
