using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace QuantizedModels.TestSupport;

/// <summary>What one generator run produced: its diagnostics, the compilation's diagnostics and the generated files.</summary>
public sealed class GeneratorRun(
    ImmutableArray<Diagnostic> generatorDiagnostics,
    ImmutableArray<Diagnostic> compilationDiagnostics,
    ImmutableDictionary<string, string> generatedSources,
    Compilation compilation)
{
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = generatorDiagnostics;

    /// <summary>Diagnostics of compiling user code together with the generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics { get; } = compilationDiagnostics;

    /// <summary>Generated files by hint name.</summary>
    public ImmutableDictionary<string, string> GeneratedSources { get; } = generatedSources;

    public Compilation Compilation { get; } = compilation;

    /// <summary>Every warning and error, from the generator and from compiling its output.</summary>
    public ImmutableArray<Diagnostic> Problems { get; } = generatorDiagnostics.Concat(compilationDiagnostics)
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToImmutableArray();

    /// <summary>The first generator error, for tests that expect a model to be rejected; null when none.</summary>
    public Diagnostic? FirstGeneratorError => GeneratorDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Loads the compiled class; throws, listing them, if there was any warning or error.</summary>
    public CompiledModel Load(string typeName)
    {
        if (!Problems.IsEmpty)
        {
            throw new InvalidOperationException($"Generation or compilation of {typeName} reported {Problems.Length} problem(s):\n" + string.Join("\n", Problems));
        }

        return CompiledModel.Load(Compilation, typeName);
    }
}
