using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuantizedModels.TestSupport;
using Xunit;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>
/// A project in memory: C# sources, model files handed over as the build does (base64 additional files with
/// <c>QuantizedModelSource</c> metadata), and a driver running <see cref="QuantizedModelGenerator"/> over them.
/// </summary>
internal sealed class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private readonly List<SyntaxTree> trees = new();
    private readonly List<AdditionalText> texts = new();

    public ModelFileOptionsProvider Options { get; } = new();

    public IReadOnlyList<SyntaxTree> Trees => trees;

    public GeneratorHarness WithSource(string source, string path = "Net.cs")
    {
        trees.Add(CSharpSyntaxTree.ParseText(source, ParseOptions, path));
        return this;
    }

    /// <summary>Adds a model as the build task would: its base64 text, tagged with its project-relative path.</summary>
    public GeneratorHarness WithModel(byte[] bytes, string projectRelativePath = TestSources.ModelPath) =>
        WithModelText(Convert.ToBase64String(bytes), projectRelativePath);

    public GeneratorHarness WithModelText(string base64, string projectRelativePath = TestSources.ModelPath)
    {
        var text = ModelText(base64, projectRelativePath);
        Options.SetSource(text.Path, projectRelativePath);
        texts.Add(text);
        return this;
    }

    /// <summary>The additional file this project holds for a model, as a driver must be given it to replace it.</summary>
    public AdditionalText TextFor(string projectRelativePath) => texts.Single(t => t.Path == ModelText("", projectRelativePath).Path);

    /// <summary>The additional file the build writes for a model; same path for the same model, so it can replace one.</summary>
    public static AdditionalText ModelText(string base64, string projectRelativePath) =>
        new InMemoryAdditionalText("/project/obj/QuantizedModels/" + projectRelativePath + ".b64", base64);

    public CSharpCompilation Compilation() => CSharpCompilation.Create(
        "TestProject",
        trees,
        CompilationReferences.All,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            // The .NET SDK's default NoWarn: reference-assembly version unification against the running runtime.
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new QuantizedModelGenerator().AsSourceGenerator() },
        texts,
        ParseOptions,
        Options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    public GeneratorRun Run()
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compilation(), out var output, out var driverDiagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, driverDiagnostics);
    }
}

/// <summary>What one generator run produced.</summary>
/// <remarks><see cref="DriverDiagnostics"/> holds the generator's own diagnostics plus any the driver adds, such as CS8785 for an escaped exception.</remarks>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation OutputCompilation, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>The generator's warnings and errors: its diagnostics without the informational build report.</summary>
    public IReadOnlyList<Diagnostic> Problems => Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>The informational build report (QM0011) of the one compiled model.</summary>
    public Diagnostic BuildReport => Assert.Single(Diagnostics, d => d.Id == "QM0011");

    public IReadOnlyList<string> GeneratedSources => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()).ToList();

    public string SingleSource => Assert.Single(GeneratedSources);

    /// <summary>Warnings and errors of the project with the generated code added.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
