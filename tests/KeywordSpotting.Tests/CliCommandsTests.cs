using System;
using System.IO;
using System.Linq;
using KeywordSpotting.Audio;
using KeywordSpotting.Cli;
using KeywordSpotting.Features;
using KeywordSpotting.Model;
using Xunit;

namespace KeywordSpotting.Tests;

/// <summary>The three commands end to end, with ONNX Runtime standing in for the generated model.</summary>
public sealed class CliCommandsTests : IDisposable
{
    private readonly OnnxRuntimeKeywordModel _model = new(TestData.FloatModel);
    private readonly string _scratch = Directory.CreateTempSubdirectory("kws-tests-").FullName;

    public void Dispose()
    {
        _model.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public void Classifies_each_bundled_sample_clip_as_its_word()
    {
        string[] names =
        [
            "down_563aa4e6_nohash_2", "go_563aa4e6_nohash_2", "left_563aa4e6_nohash_2", "no_563aa4e6_nohash_2",
            "off_563aa4e6_nohash_2", "on_563aa4e6_nohash_2", "right_439c84f4_nohash_1", "stop_563aa4e6_nohash_2",
            "up_563aa4e6_nohash_2", "yes_563aa4e6_nohash_2", "cat_aef8dcf5_nohash_0", "dog_68dd409e_nohash_1",
        ];
        var files = Array.ConvertAll(names, name => Path.Combine(TestData.SampleAudioRoot, name + ".wav"));
        var output = new StringWriter();

        var exitCode = ClassifyFilesCommand.Run(new KeywordClassifier(_model), files, output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(12, lines.Length);
        foreach (var (file, line) in files.Zip(lines))
        {
            var word = Path.GetFileName(file).Split('_')[0];
            Assert.StartsWith(file, line, StringComparison.Ordinal);
            Assert.Equal(KeywordLabels.Name(KeywordLabels.FromWord(word)), line.Split('\t')[1]);
        }
    }

    [Fact]
    public void Unreadable_file_is_reported_and_the_rest_still_classified()
    {
        var broken = Path.Combine(_scratch, "broken.wav");
        File.WriteAllBytes(broken, TestWav.Pcm16Mono(16000, 1, 2, 3)[..^2]);
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = ClassifyFilesCommand.Run(
            new KeywordClassifier(_model), [broken, Path.Combine(TestData.SampleAudioRoot, "go_563aa4e6_nohash_2.wav")], output, errors);

        Assert.Equal(1, exitCode);
        Assert.Contains("broken.wav: chunk 'data' declares 6 bytes but only 4 remain", errors.ToString());
        Assert.Contains("\tgo\t", output.ToString());
    }

    [Fact]
    public void Stream_reports_spoken_keywords_in_order_with_their_times()
    {
        // 1 s silence, "yes", 1 s silence, "stop", 1 s silence, "left", 1 s silence.
        var stream = new float[7 * 16000];
        string[] words = ["yes", "stop", "left"];
        for (var i = 0; i < words.Length; i++)
        {
            var clip = WavReader.Read(Path.Combine(TestData.SampleAudioRoot, $"{words[i]}_563aa4e6_nohash_2.wav")).Samples;
            clip.CopyTo(stream, (1 + 2 * i) * 16000);
        }

        var path = Path.Combine(_scratch, "long.wav");
        File.WriteAllBytes(path, TestWav.Pcm16Mono(16000, stream));
        var output = new StringWriter();

        StreamCommand.Run(new KeywordClassifier(_model), CommandLine.Parse(["--stream", path]), output);

        var detections = output.ToString().TrimEnd().Split('\n').Select(line => line.Split('\t')).ToArray();
        Assert.Equal(words, detections.Select(fields => fields[1]));
        for (var i = 0; i < words.Length; i++)
        {
            // The reporting window starts within a second before the word's own second.
            var start = TimeSpan.Parse(detections[i][0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(start.TotalSeconds, 2 * i, 1 + 2 * i);
        }
    }

    [Fact]
    public void Evaluate_cuts_background_noise_into_silence_seconds_and_maps_other_words_to_unknown()
    {
        var noise = new float[3 * 16000 + 5000];
        var random = new Random(7);
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)(random.NextDouble() - 0.5) * 0.02f;
        }

        Directory.CreateDirectory(Path.Combine(_scratch, "_background_noise_"));
        File.WriteAllBytes(Path.Combine(_scratch, "_background_noise_", "hiss.wav"), TestWav.Pcm16Mono(16000, noise));
        foreach (var word in new[] { "yes", "cat" })
        {
            var source = Directory.GetFiles(TestData.SampleAudioRoot, word + "_*.wav").Single();
            Directory.CreateDirectory(Path.Combine(_scratch, word));
            File.Copy(source, Path.Combine(_scratch, word, "clip.wav"));
        }

        var output = new StringWriter();
        var progress = new StringWriter();

        EvaluateCommand.Run(new KeywordClassifier(_model), CommandLine.Parse(["--evaluate", _scratch]), output, progress);

        var lines = output.ToString().Split('\n');
        Assert.StartsWith("accuracy ", lines[0]);
        Assert.EndsWith("/5 = ", lines[0][..(lines[0].IndexOf('=') + 2)]);
        Assert.Equal(3, RowTotal(lines, "silence"));
        Assert.Equal(1, RowTotal(lines, "yes"));
        Assert.Equal(1, RowTotal(lines, "unknown"));
        Assert.EndsWith("5/5" + Environment.NewLine, progress.ToString());
    }

    private static int RowTotal(string[] matrixLines, string label) =>
        matrixLines.Single(line => line.StartsWith(label + " ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Sum(int.Parse);
}
