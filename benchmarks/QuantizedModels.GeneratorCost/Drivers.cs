using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuantizedModels.TestSupport;

namespace QuantizedModels.GeneratorCost;

/// <summary>Generator drivers over in-memory model files, given to the generator as the build task gives them.</summary>
internal static class Drivers
{
    public static GeneratorDriver Create(params (string Path, byte[] Bytes)[] files)
    {
        var options = new ModelFileOptionsProvider();
        var texts = files.Select(file =>
        {
            var text = new InMemoryAdditionalText("/obj/qm/" + file.Path + ".base64", Convert.ToBase64String(file.Bytes));
            options.SetSource(text.Path, file.Path);
            return (AdditionalText)text;
        }).ToArray();
        return CSharpGeneratorDriver.Create(new[] { new Generator.QuantizedModelGenerator().AsSourceGenerator() }, texts, GeneratorHarness.ParseOptions, options);
    }

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "GeneratorCostAssembly",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: $"Source{i}.cs")),
        CompilationReferences.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));

    /// <summary>Runs <paramref name="driver"/> and fails unless it generated source without errors: a benchmark must time real work.</summary>
    public static GeneratorDriver RunOrThrow(GeneratorDriver driver, Compilation compilation)
    {
        var ran = driver.RunGenerators(compilation);
        var result = ran.GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0 || result.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException($"The model did not compile: {string.Join("; ", errors.Select(e => e.ToString()))}");
        }

        return ran;
    }
}
