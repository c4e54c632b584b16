using System;
using System.Globalization;
using KeywordSpotting.Audio;
using KeywordSpotting.Evaluation;
using KeywordSpotting.Features;
using KeywordSpotting.Model;
using Xunit;
using Xunit.Abstractions;

namespace KeywordSpotting.Tests;

/// <summary>
/// The DS-CNN compiled by the generator against ONNX Runtime on the same features of all 300 committed
/// clips: every probability within ORT's rule (1e-5 + 1e-3 relative, loosened to 1e-4 absolute for a
/// 13-layer network) and the same label on every clip.
/// </summary>
public sealed class GeneratedModelOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void Generated_float_model_matches_onnx_runtime_on_every_clip()
    {
        using var oracle = new OnnxRuntimeKeywordModel(TestData.FloatModel);
        IKeywordModel generated = new DsCnnFloatModel();
        var frontEnd = new MlperfKwsFrontEnd();
        var features = new float[generated.InputLength];
        var expected = new float[oracle.OutputLength];
        var actual = new float[generated.OutputLength];
        var matrix = new ConfusionMatrix();
        var worst = 0.0;

        foreach (var clip in SpeechCommandsFolder.ListClips(TestData.SpeechCommandsRoot))
        {
            var audio = AudioFile.LoadMono(clip.Path, MlperfKwsFrontEnd.SampleRate);
            frontEnd.Extract(audio.Samples, features);
            oracle.Predict(features, expected);
            generated.Predict(features, actual);
            for (var i = 0; i < expected.Length; i++)
            {
                var error = Math.Abs(expected[i] - actual[i]);
                worst = Math.Max(worst, error);
                Assert.True(error <= 1e-4 + (1e-3 * Math.Abs(expected[i])), $"{clip.Path} class {i}: ORT {expected[i]}, generated {actual[i]}");
            }

            Assert.Equal(ArgMax(expected), ArgMax(actual));
            matrix.Add(clip.ExpectedLabel, ArgMax(actual));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated model: {matrix.Correct}/{matrix.Total} correct, worst abs difference to ORT {worst:E2}"));
        Assert.Equal(300, matrix.Total);
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }

        return best;
    }
}
