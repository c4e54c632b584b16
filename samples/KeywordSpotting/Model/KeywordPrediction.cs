using System;

namespace KeywordSpotting.Model;

/// <summary>The most probable class of one clip, with the time spent on features and on the model.</summary>
public readonly record struct KeywordPrediction(int LabelIndex, float Probability, TimeSpan FeatureTime, TimeSpan ModelTime)
{
    public string Label => KeywordLabels.Name(LabelIndex);
}
