using System;
using System.Collections.Generic;
using KeywordSpotting.Features;
using KeywordSpotting.Model;

namespace KeywordSpotting.Tests;

/// <summary>A model that answers each call with the next scripted (class, probability), then silence.</summary>
internal sealed class ScriptedModel(params (int Label, float Probability)[] answers) : IKeywordModel
{
    private readonly Queue<(int Label, float Probability)> _answers = new(answers);

    public int InputLength => MlperfKwsFrontEnd.FeatureLength;

    public int OutputLength => KeywordLabels.Count;

    public int Calls { get; private set; }

    public void Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        Calls++;
        var (label, probability) = _answers.Count > 0 ? _answers.Dequeue() : (KeywordLabels.Silence, 1f);
        probabilities.Fill((1 - probability) / (KeywordLabels.Count - 1));
        probabilities[label] = probability;
    }
}
