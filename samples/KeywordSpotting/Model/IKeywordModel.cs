using System;

namespace KeywordSpotting.Model;

/// <summary>A classifier from front-end features to one probability per <see cref="KeywordLabels"/> entry.</summary>
public interface IKeywordModel
{
    int InputLength { get; }

    int OutputLength { get; }

    void Predict(ReadOnlySpan<float> features, Span<float> probabilities);
}
