using System;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Pre-quantized TensorFlow Lite models compiled to integer code, against the outputs of a real TFLite 2.9
/// interpreter and of TFLite's reference kernels (Tflite/README.md says where each file comes from).
/// </summary>
public class TfliteOracleTests
{
    private const string MicroSpeech = "micro_speech_quantized.tflite";
    private const string MlperfKws = "kws_ref_model.tflite";
    private static readonly string[] MicroSpeechLabels = { "silence", "unknown", "yes", "no" };

    private readonly ITestOutputHelper _output;

    public TfliteOracleTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("yes_1000ms.features_49x40_int8.bin", -128, -128, 127, -128, "yes")]
    [InlineData("no_1000ms.features_49x40_int8.bin", -128, -114, -128, 114, "no")]
    [InlineData("silence_1000ms.features_49x40_int8.bin", -42, -68, -68, -78, "silence")]
    [InlineData("noise_1000ms.features_49x40_int8.bin", 120, -125, -126, -125, "silence")]
    [InlineData("yes_f2e59fea_nohash_1_features_49x40_int8.bin", -128, -128, 127, -128, "yes")]
    [InlineData("no_f9643d42_nohash_4_features_49x40_int8.bin", -128, -114, -128, 114, "no")]
    public void Micro_speech_gives_the_reference_kernels_int8_scores(string features, int silence, int unknown, int yes, int no, string label)
    {
        using var model = OracleModel.Compile(MicroSpeech);
        var input = TfliteTestVectors.ReadInt8(features);
        var output = new sbyte[4];

        model.PredictInt8(input, output);

        Assert.Equal(new sbyte[] { (sbyte)silence, (sbyte)unknown, (sbyte)yes, (sbyte)no }, output);
        Assert.Equal(label, MicroSpeechLabels[Array.IndexOf(output, output.Max())]);
    }

    [Fact]
    public void Micro_speech_equals_the_tflite_interpreter_on_220_inputs()
    {
        var (matching, total, worst) = CompareWithInterpreter(MicroSpeech, "micro_speech", 1960, 4);

        Assert.Equal(total, matching);
        Assert.Equal(0, worst);
    }

    /// <summary>
    /// TFLite 2.9's optimized kernels (what the interpreter ran) and its reference kernels (what is compiled here,
    /// as TFLite Micro and CMSIS-NN run) can round one step apart on rare outputs; on these 220 inputs they do not.
    /// </summary>
    [Fact]
    public void Mlperf_kws_equals_the_tflite_interpreter_on_220_inputs()
    {
        var (matching, total, worst) = CompareWithInterpreter(MlperfKws, "kws_ref_model", 490, 12);

        Assert.Equal(total, matching);
        Assert.Equal(0, worst);
    }

    [Fact]
    public void The_float_overload_quantizes_runs_and_dequantizes()
    {
        using var model = OracleModel.Compile(MlperfKws);
        var scale = model.GetConstant<float>("InputScale");
        var zeroPoint = model.GetConstant<int>("InputZeroPoint");
        var outputScale = model.GetConstant<float>("OutputScale");
        var outputZeroPoint = model.GetConstant<int>("OutputZeroPoint");
        Assert.Equal(0.5847029089927673f, scale);
        Assert.Equal(83, zeroPoint);
        Assert.Equal(1f / 256, outputScale);
        Assert.Equal(-128, outputZeroPoint);
        // The DS-CNN's published cost: conv 10x4x1x64 on 25x5, four depthwise 3x3x64 and pointwise 64x64, FC 64x12.
        Assert.Equal(2_656_768L, model.GetConstant<long>("MultiplyAccumulates"));

        var raw = TfliteTestVectors.ReadInt8("kws_ref_model.inputs_int8.bin").AsSpan(0, 490).ToArray();
        var expected = new sbyte[12];
        model.PredictInt8(raw, expected);
        var actual = new float[12];

        model.Predict(raw.Select(q => scale * (q - zeroPoint)).ToArray(), actual);

        Assert.Equal(expected.Select(q => outputScale * (q - outputZeroPoint)), actual);
    }

    private (int Matching, int Total, int Worst) CompareWithInterpreter(string modelFile, string prefix, int inputLength, int outputLength)
    {
        using var model = OracleModel.Compile(modelFile);
        var inputs = TfliteTestVectors.ReadInt8(prefix + ".inputs_int8.bin");
        var expected = TfliteTestVectors.ReadInt8(prefix + ".outputs_int8.bin");
        var count = inputs.Length / inputLength;
        Assert.Equal(220, count);
        var output = new sbyte[outputLength];
        int matching = 0, worst = 0;
        for (var i = 0; i < count; i++)
        {
            model.PredictInt8(inputs.AsSpan(i * inputLength, inputLength).ToArray(), output);
            for (var j = 0; j < outputLength; j++)
            {
                var difference = Math.Abs(output[j] - expected[i * outputLength + j]);
                if (difference == 0) matching++;
                worst = Math.Max(worst, difference);
            }
        }

        _output.WriteLine($"{modelFile}: {matching} of {count * outputLength} outputs equal the interpreter's, largest difference {worst}");
        return (matching, count * outputLength, worst);
    }
}
