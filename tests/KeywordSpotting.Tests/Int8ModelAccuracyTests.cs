using System.Globalization;
using System.IO;
using System.Linq;
using KeywordSpotting.Evaluation;
using KeywordSpotting.Model;
using Xunit;
using Xunit.Abstractions;

namespace KeywordSpotting.Tests;

/// <summary>
/// The sample's int8 pipelines end to end on the 300 committed Speech Commands clips: our MFCCs into (a) MLPerf Tiny's
/// int8 DS-CNN compiled from its TensorFlow Lite file, with the training recipe's quantization, and (b) the float
/// DS-CNN quantized to int8 by this build, calibrated on 44 of the clips (their validation-list ones).
/// </summary>
public sealed class Int8ModelAccuracyTests(ITestOutputHelper output)
{
    /// <summary>The shared data's figure for the TFLite int8 model with TensorFlow's features; the issue asks for 95 % of it.</summary>
    private const int TfliteReferenceCorrect = 293;

    /// <summary>The float model on our features (OracleAccuracyTests); the build-quantized one must stay within one point (3 clips).</summary>
    private const int FloatMeasuredCorrect = 291;

    [Fact]
    public void Tflite_int8_model_classifies_the_speech_commands_subset()
    {
        var matrix = SubsetEvaluation.Evaluate(new DsCnnInt8Model(), _ => true);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TFLite int8: {matrix.Correct}/{matrix.Total} = {100 * matrix.Accuracy:0.00} % (reference {TfliteReferenceCorrect}/300)"));
        output.WriteLine(matrix.Format());
        Assert.Equal(300, matrix.Total);
        Assert.True(matrix.Correct >= TfliteReferenceCorrect * 95 / 100 + 1, $"{matrix.Correct}/300 correct, below 95 % of {TfliteReferenceCorrect}");
    }

    [Fact]
    public void Build_quantized_model_is_within_one_point_of_the_float_model()
    {
        var calibration = File.ReadAllLines(TestData.CalibrationClips).ToHashSet();
        var all = SubsetEvaluation.Evaluate(new DsCnnBuildQuantizedModel(), _ => true);
        var unseen = SubsetEvaluation.Evaluate(new DsCnnBuildQuantizedModel(), clip => !calibration.Contains(RelativeClipPath(clip)));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build-quantized int8: {all.Correct}/{all.Total} (float {FloatMeasuredCorrect}/300); on the {unseen.Total} clips not used for calibration {unseen.Correct}/{unseen.Total}"));
        Assert.Equal(300, all.Total);
        Assert.Equal(256, unseen.Total);
        Assert.True(all.Correct >= FloatMeasuredCorrect - 3, $"{all.Correct}/300, more than one point below the float model's {FloatMeasuredCorrect}");
    }

    private static string RelativeClipPath(LabeledClip clip) =>
        Path.GetRelativePath(TestData.SpeechCommandsRoot, clip.Path).Replace('\\', '/');
}
