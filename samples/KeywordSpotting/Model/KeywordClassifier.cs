using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using KeywordSpotting.Features;

namespace KeywordSpotting.Model;

/// <summary>
/// Runs the MFCC front end and a model on 16 kHz mono clips. Buffers are reused, so classifying allocates
/// nothing beyond what the model does. Not thread-safe: one instance per thread.
/// </summary>
public sealed class KeywordClassifier
{
    private readonly MlperfKwsFrontEnd _frontEnd = new();
    private readonly IKeywordModel _model;
    private readonly float[] _features = new float[MlperfKwsFrontEnd.FeatureLength];
    private readonly float[] _probabilities = new float[KeywordLabels.Count];

    public KeywordClassifier(IKeywordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.InputLength != MlperfKwsFrontEnd.FeatureLength || model.OutputLength != KeywordLabels.Count)
        {
            throw new ArgumentException(
                $"Model takes {model.InputLength} inputs and gives {model.OutputLength} outputs; " +
                $"expected {MlperfKwsFrontEnd.FeatureLength} MFCCs in and {KeywordLabels.Count} probabilities out.",
                nameof(model));
        }

        _model = model;
    }

    public KeywordPrediction Classify(ReadOnlySpan<float> clip)
    {
        var start = Stopwatch.GetTimestamp();
        _frontEnd.Extract(clip, _features);
        var featuresDone = Stopwatch.GetTimestamp();
        _model.Predict(_features, _probabilities);
        var modelDone = Stopwatch.GetTimestamp();

        var best = TensorPrimitives.IndexOfMax(_probabilities);
        return new KeywordPrediction(
            best,
            _probabilities[best],
            Stopwatch.GetElapsedTime(start, featuresDone),
            Stopwatch.GetElapsedTime(featuresDone, modelDone));
    }
}
