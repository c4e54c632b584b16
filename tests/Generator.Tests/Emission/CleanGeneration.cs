using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Emission;

/// <summary>Runs the generator and requires silence: no diagnostics, and the project with the output compiles without warnings.</summary>
internal static class CleanGeneration
{
    public static GeneratorRun Run(string source, byte[] model)
    {
        var run = new GeneratorHarness().WithSource(source).WithModel(model).Run();
        Assert.Empty(run.DriverDiagnostics);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        return run;
    }
}
