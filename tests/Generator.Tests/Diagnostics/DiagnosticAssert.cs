using System.Linq;
using Microsoft.CodeAnalysis;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>Checks that a one-file project reported exactly one diagnostic, with the given ID, on its <c>[QuantizedModel]</c> attribute.</summary>
internal static class DiagnosticAssert
{
    public static Diagnostic SingleOnAttribute(GeneratorRun run, string id, GeneratorHarness harness)
    {
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        var tree = Assert.Single(harness.Trees);
        var attribute = TestSources.ModelAttribute(tree);
        Assert.Equal(tree.FilePath, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(attribute.Span, diagnostic.Location.SourceSpan);
        Assert.Empty(run.GeneratedSources);
        return diagnostic;
    }

    /// <summary>Runs the harness and checks its single diagnostic.</summary>
    public static Diagnostic SingleOnAttribute(GeneratorHarness harness, string id) => SingleOnAttribute(harness.Run(), id, harness);
}
