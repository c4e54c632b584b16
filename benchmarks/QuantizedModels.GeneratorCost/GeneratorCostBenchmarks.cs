using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuantizedModels.TestSupport;

namespace QuantizedModels.GeneratorCost;

/// <summary>
/// What the generator costs inside the compiler for models of 100 K, 1 M and 5 M parameters: a full generation
/// (what a command-line build pays), generation plus emitting the assembly (the compiler's share), and an
/// unrelated edit with the driver state of a previous run (what an IDE pays per keystroke: no model work).
/// A 5 M-parameter generation plus emit takes about a minute, so give the job on the command line
/// (docs/benchmarks.md: one launch, one warm-up, three iterations).
/// </summary>
[MemoryDiagnoser]
public class GeneratorCostBenchmarks
{
    private const string ModelPath = "Models/sized.onnx";

    private const string UserSource = $$"""
        using QuantizedModels;

        [QuantizedModel("{{ModelPath}}")]
        public partial class SizedModel;
        """;

    private CSharpCompilation compilation = null!;
    private CSharpCompilation editedCompilation = null!;
    private GeneratorDriver freshDriver = null!;
    private GeneratorDriver warmDriver = null!;

    [Params(100_000, 1_000_000, 5_000_000)]
    public int Parameters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        compilation = Drivers.Compilation(UserSource, "public static class Unrelated { public static int Answer => 41; }");
        var unrelated = compilation.SyntaxTrees.Last();
        editedCompilation = compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(unrelated.GetText().Replace(0, 0, "// edited\n")));

        freshDriver = Drivers.Create((ModelPath, SizedMlp.Write(Parameters)));
        warmDriver = Drivers.RunOrThrow(freshDriver, compilation);
    }

    /// <summary>Reading, passes, planning and emission of the model from nothing.</summary>
    [Benchmark]
    public GeneratorDriver Generate() => freshDriver.RunGenerators(compilation);

    /// <summary>Generation, then compiling the user code with the generated source to an assembly.</summary>
    [Benchmark]
    public long GenerateAndEmit()
    {
        freshDriver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var assembly = new MemoryStream();
        var result = output.Emit(assembly);
        if (!result.Success) throw new InvalidOperationException(string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return assembly.Length;
    }

    /// <summary>One edit to an unrelated file after a full run: the model's steps must all be cached.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedEdit() => warmDriver.RunGenerators(editedCompilation);
}
