using System;
using System.Linq;
using KeywordSpotting.Audio;
using KeywordSpotting.Evaluation;
using KeywordSpotting.Features;
using KeywordSpotting.Model;

namespace KeywordSpotting.Tests;

/// <summary>Scores a model on the committed Speech Commands clips through the sample's front end and classifier.</summary>
internal static class SubsetEvaluation
{
    public static ConfusionMatrix Evaluate(IKeywordModel model, Func<LabeledClip, bool> include)
    {
        var classifier = new KeywordClassifier(model);
        var matrix = new ConfusionMatrix();
        foreach (var clip in SpeechCommandsFolder.ListClips(TestData.SpeechCommandsRoot).Where(include))
        {
            var audio = AudioFile.LoadMono(clip.Path, MlperfKwsFrontEnd.SampleRate);
            matrix.Add(clip.ExpectedLabel, classifier.Classify(audio.Samples).LabelIndex);
        }

        return matrix;
    }
}
