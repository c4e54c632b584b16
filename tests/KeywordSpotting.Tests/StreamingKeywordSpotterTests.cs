using System;
using System.Collections.Generic;
using KeywordSpotting.Model;
using KeywordSpotting.Streaming;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class StreamingKeywordSpotterTests
{
    private const int Yes = 9;
    private const int No = 3;

    private static (StreamingKeywordSpotter Spotter, ScriptedModel Model) Create(params (int, float)[] answers)
    {
        var model = new ScriptedModel(answers);
        var spotter = new StreamingKeywordSpotter(
            new KeywordClassifier(model), TimeSpan.FromMilliseconds(250), threshold: 0.8f, TimeSpan.FromMilliseconds(1000));
        return (spotter, model);
    }

    [Fact]
    public void Classifies_one_window_per_step_once_a_second_has_arrived()
    {
        var (spotter, model) = Create();
        var detections = new List<KeywordDetection>();

        // 3 s in uneven chunks: windows start at 0, 0.25, ..., 2.0 s.
        var audio = new float[48000];
        spotter.Append(audio.AsSpan(0, 15999), detections);
        Assert.Equal(0, model.Calls);
        spotter.Append(audio.AsSpan(15999, 1), detections);
        Assert.Equal(1, model.Calls);
        spotter.Append(audio.AsSpan(16000, 32000), detections);
        spotter.Finish(detections);

        Assert.Equal(9, model.Calls);
        Assert.Empty(detections);
    }

    [Fact]
    public void Reports_a_keyword_once_while_overlapping_windows_keep_seeing_it()
    {
        var (spotter, _) = Create(
            (KeywordLabels.Silence, 0.9f), (Yes, 0.85f), (Yes, 0.95f), (Yes, 0.9f), (KeywordLabels.Unknown, 0.9f),
            (No, 0.7f), (No, 0.9f), (Yes, 0.9f));
        var detections = new List<KeywordDetection>();

        spotter.Append(new float[16000 + 7 * 4000], detections);

        Assert.Equal(
            [new KeywordDetection(TimeSpan.FromMilliseconds(250), "yes", 0.85f), new KeywordDetection(TimeSpan.FromMilliseconds(1500), "no", 0.9f),
             new KeywordDetection(TimeSpan.FromMilliseconds(1750), "yes", 0.9f)],
            detections);
    }

    [Fact]
    public void Same_keyword_after_the_refractory_gap_is_reported_again()
    {
        var (spotter, _) = Create(
            (Yes, 0.9f), (KeywordLabels.Silence, 0.9f), (KeywordLabels.Silence, 0.9f), (KeywordLabels.Silence, 0.9f),
            (Yes, 0.9f));
        var detections = new List<KeywordDetection>();

        spotter.Append(new float[16000 + 4 * 4000], detections);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1)], detections.ConvertAll(d => d.Start));
    }

    [Fact]
    public void Stream_shorter_than_a_window_is_classified_once_at_the_end()
    {
        var (spotter, model) = Create((Yes, 0.99f));
        var detections = new List<KeywordDetection>();

        spotter.Append(new float[9000], detections);
        spotter.Finish(detections);

        Assert.Equal(1, model.Calls);
        Assert.Equal("yes", Assert.Single(detections).Label);
    }

    [Fact]
    public void Long_streams_keep_working_past_the_internal_buffer()
    {
        var (spotter, model) = Create();
        var detections = new List<KeywordDetection>();
        var chunk = new float[1234];

        for (var i = 0; i < 200; i++)
        {
            spotter.Append(chunk, detections);
        }

        Assert.Equal(1 + (200 * 1234 - 16000) / 4000, model.Calls);
    }
}
