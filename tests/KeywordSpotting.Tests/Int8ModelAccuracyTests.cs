using System.Globalization;
using KeywordSpotting.Audio;
using KeywordSpotting.Evaluation;
using KeywordSpotting.Features;
using KeywordSpotting.Model;
using Xunit;
using Xunit.Abstractions;

namespace KeywordSpotting.Tests;

/// <summary>
/// The sample's default pipeline end to end: our MFCCs, the training recipe's int8 quantization and MLPerf Tiny's
/// int8 DS-CNN compiled from its TensorFlow Lite file, on the 300 committed Speech Commands clips. The shared data's
/// README gives 293/300 for this model with TensorFlow's features; the issue asks for at least 95 % of that.
/// </summary>
public sealed class Int8ModelAccuracyTests(ITestOutputHelper output)
{
    private const int ReferenceCorrect = 293;
    private const int Floor = ReferenceCorrect * 95 / 100 + 1;

    [Fact]
    public void Int8_model_classifies_the_speech_commands_subset()
    {
        var classifier = new KeywordClassifier(new DsCnnInt8Model());
        var matrix = new ConfusionMatrix();

        foreach (var clip in SpeechCommandsFolder.ListClips(TestData.SpeechCommandsRoot))
        {
            var audio = AudioFile.LoadMono(clip.Path, MlperfKwsFrontEnd.SampleRate);
            matrix.Add(clip.ExpectedLabel, classifier.Classify(audio.Samples).LabelIndex);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"int8 accuracy {matrix.Correct}/{matrix.Total} = {100 * matrix.Accuracy:0.00} % (reference {ReferenceCorrect}/300)"));
        output.WriteLine(matrix.Format());
        Assert.Equal(300, matrix.Total);
        Assert.True(matrix.Correct >= Floor, $"{matrix.Correct}/300 correct, below {Floor} (95 % of the reference {ReferenceCorrect})");
    }
}
