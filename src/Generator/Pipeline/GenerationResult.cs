namespace QuantizedModels.Generator.Pipeline;

/// <summary>What the pipeline produces for one request: a source file (or none) and its diagnostics.</summary>
internal sealed record GenerationResult(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);
