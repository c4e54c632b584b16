namespace KeywordSpotting.Evaluation;

/// <summary>One second of a file, starting at <see cref="StartSample"/> (at 16 kHz), with its true class.</summary>
public sealed record LabeledClip(string Path, int StartSample, int ExpectedLabel);
