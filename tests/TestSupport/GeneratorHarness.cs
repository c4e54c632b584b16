using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace QuantizedModels.TestSupport;

/// <summary>
/// Runs the real <see cref="Generator.QuantizedModelGenerator"/> over user source and model files, the way a build
/// does: each model travels as base64 text in an additional file carrying its project-relative path as metadata.
/// </summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <param name="modelFiles">Project-relative path (as the attribute names it, e.g. "Models/net.onnx") to exact bytes.</param>
    /// <param name="userSource">The user's code, e.g. a partial class carrying the attribute.</param>
    public static GeneratorRun Run(IReadOnlyDictionary<string, byte[]> modelFiles, string userSource)
    {
        var compilation = CSharpCompilation.Create(
            "QuantizedModels.Generated" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(userSource, ParseOptions, path: "User.cs")],
            CompilationReferences.All,
            StrictOptions);

        var options = new ModelFileOptionsProvider();
        var texts = new List<AdditionalText>();
        foreach (var file in modelFiles)
        {
            var text = new InMemoryAdditionalText("/obj/qm/" + file.Key + ".base64", Convert.ToBase64String(file.Value));
            options.SetSource(text.Path, file.Key);
            texts.Add(text);
        }

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new Generator.QuantizedModelGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var generated = driver.GetRunResult().Results
            .SelectMany(result => result.GeneratedSources)
            .ToImmutableDictionary(source => source.HintName, source => source.SourceText.ToString());
        return new GeneratorRun(generatorDiagnostics, output.GetDiagnostics(), generated, output);
    }

    /// <summary>
    /// Options of a strict user project: nullable on, every warning wave. CS1701/CS1702 (reference version
    /// unification) are off as the .NET SDK turns them off: the runtime targets net8.0 and runs on net10.0.
    /// </summary>
    private static readonly CSharpCompilationOptions StrictOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithWarningLevel(9999)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
        });
}
