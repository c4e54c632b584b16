using System;

namespace KeywordSpotting.Streaming;

/// <summary>A keyword heard in the one-second window starting at <see cref="Start"/>.</summary>
public readonly record struct KeywordDetection(TimeSpan Start, string Label, float Probability);
