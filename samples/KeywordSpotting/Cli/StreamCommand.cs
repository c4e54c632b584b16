using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using KeywordSpotting.Audio;
using KeywordSpotting.Features;
using KeywordSpotting.Model;
using KeywordSpotting.Streaming;

namespace KeywordSpotting.Cli;

/// <summary><c>kws --stream FILE|-</c>: prints each keyword detection with the start time of its window.</summary>
public static class StreamCommand
{
    private const string StandardInput = "-";

    public static int Run(KeywordClassifier classifier, CommandLine options, TextWriter output)
    {
        var spotter = new StreamingKeywordSpotter(classifier, options.Step, options.Threshold, options.Refractory);
        var detections = new List<KeywordDetection>();
        var source = options.Paths[0];
        if (source == StandardInput)
        {
            var reader = new Pcm16StreamReader(Console.OpenStandardInput());
            var chunk = new float[MlperfKwsFrontEnd.FrameStep * 4];
            int count;
            while ((count = reader.Read(chunk)) > 0)
            {
                spotter.Append(chunk.AsSpan(0, count), detections);
                Print(detections, output);
            }
        }
        else
        {
            spotter.Append(AudioFile.LoadMono(source, MlperfKwsFrontEnd.SampleRate).Samples, detections);
        }

        spotter.Finish(detections);
        Print(detections, output);
        return 0;
    }

    private static void Print(List<KeywordDetection> detections, TextWriter output)
    {
        foreach (var detection in detections)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{detection.Start:hh\\:mm\\:ss\\.fff}\t{detection.Label}\t{detection.Probability:0.000}"));
        }

        if (detections.Count > 0)
        {
            output.Flush();
            detections.Clear();
        }
    }
}
