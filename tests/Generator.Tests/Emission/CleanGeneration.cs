using System.Linq;
using Microsoft.CodeAnalysis;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Emission;

/// <summary>Runs the generator and requires silence: no diagnostics but the build report, and the project with the output compiles without warnings.</summary>
internal static class CleanGeneration
{
    /// <param name="files">Other files given to the build, such as calibration data.</param>
    public static GeneratorRun Run(string source, byte[] model, params (byte[] Bytes, string Path)[] files)
    {
        var harness = new GeneratorHarness().WithSource(source).WithModel(model);
        foreach (var (bytes, path) in files) harness = harness.WithModel(bytes, path);
        var run = harness.Run();
        Assert.Empty(run.DriverDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.Problems);
        Assert.Equal(DiagnosticSeverity.Info, run.BuildReport.Severity);
        Assert.Empty(run.CompilationProblems);
        return run;
    }
}
