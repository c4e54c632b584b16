using System;
using Microsoft.ML.OnnxRuntime;
using KeywordSpotting.Features;
using KeywordSpotting.Model;

namespace KeywordSpotting.Tests;

/// <summary>The float DS-CNN run by ONNX Runtime: the oracle the generated model will be compared with.</summary>
internal sealed class OnnxRuntimeKeywordModel(string modelPath) : IKeywordModel, IDisposable
{
    private readonly InferenceSession _session = new(modelPath);
    private readonly RunOptions _runOptions = new();

    public int InputLength => MlperfKwsFrontEnd.FeatureLength;

    public int OutputLength => KeywordLabels.Count;

    public void Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        long[] shape = [.. DsCnnInputs.FloatModelShape.ToArray()];
        using var input = OrtValue.CreateTensorValueFromMemory(features.ToArray(), shape);
        using var outputs = _session.Run(_runOptions, ["mfcc"], [input], ["probabilities"]);
        outputs[0].GetTensorDataAsSpan<float>().CopyTo(probabilities);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
