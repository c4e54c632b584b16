using System;
using KeywordSpotting.Cli;
using KeywordSpotting.Features;
using QuantizedModels;

namespace KeywordSpotting.Model;

/// <summary>
/// MLPerf Tiny's DS-CNN in float, compiled to C# by the QuantizedModels generator. Its generated
/// Predict, InputLength and OutputLength satisfy <see cref="IKeywordModel"/>.
/// </summary>
[QuantizedModel("Models/kws_ref_model_float.onnx")]
public partial class DsCnnFloatModel : IKeywordModel
{
    int IKeywordModel.InputLength => InputLength;

    int IKeywordModel.OutputLength => OutputLength;
}

/// <summary>
/// MLPerf Tiny's int8 DS-CNN as TensorFlow Lite quantized it, compiled to integer C#. The features are quantized
/// the way the model's training pipeline did it (truncation, not the rounding of the generated float overload).
/// </summary>
[QuantizedModel("Models/kws_ref_model.tflite")]
public partial class DsCnnInt8Model : IKeywordModel
{
    private readonly sbyte[] _features = new sbyte[InputLength];
    private readonly sbyte[] _scores = new sbyte[OutputLength];

    int IKeywordModel.InputLength => InputLength;

    int IKeywordModel.OutputLength => OutputLength;

    void IKeywordModel.Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        DsCnnInputs.QuantizeForInt8Model(features, _features);
        Predict(_features, _scores);
        for (var i = 0; i < _scores.Length; i++)
        {
            probabilities[i] = OutputScale * (_scores[i] - OutputZeroPoint);
        }
    }
}

/// <summary>
/// The float DS-CNN quantized to int8 by this build: calibrated on the MFCCs of 44 real clips
/// (Models/kws_calibration.npy, written by <c>kws --calibration-data</c>; see the sample's README).
/// </summary>
[QuantizedModel("Models/kws_ref_model_float.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/kws_calibration.npy")]
public partial class DsCnnBuildQuantizedModel : IKeywordModel
{
    int IKeywordModel.InputLength => InputLength;

    int IKeywordModel.OutputLength => OutputLength;
}

/// <summary>Plugs the generated models into the program.</summary>
public static partial class KeywordModelCatalog
{
    static partial void CreateGenerated(string name, ref IKeywordModel? model) => model = name switch
    {
        CommandLine.FloatModel => new DsCnnFloatModel(),
        CommandLine.BuildQuantizedModel => new DsCnnBuildQuantizedModel(),
        _ => new DsCnnInt8Model(),
    };
}
