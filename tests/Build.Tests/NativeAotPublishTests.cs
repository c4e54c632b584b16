using System;
using System.IO;
using System.Linq;
using QuantizedModels.Build.Tests.Support;
using Xunit;

namespace QuantizedModels.Build.Tests;

/// <summary>
/// Publishes the AotApp fixture with NativeAOT (trimmed, warnings as errors) and checks the native program prints
/// what the JIT build prints. NativeAOT links with clang, which .ci/run installs when missing.
/// </summary>
[Collection(FixtureBuildCollection.Name)]
[Trait(FixtureBuildCollection.Trait, FixtureBuildCollection.TraitValue)]
public sealed class NativeAotPublishTests : IDisposable
{
    private const string Fixture = "AotApp";

    private readonly FixtureWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void NativeProgramPrintsWhatTheJitProgramPrints()
    {
        _workspace.Dotnet(Fixture, "build");
        var jitOutput = _workspace.RunProgram("dotnet", _workspace.OutputAssembly(Fixture));

        var publishDirectory = Path.Combine(_workspace.ProjectDirectory(Fixture), "native");
        var publishLog = _workspace.Dotnet(Fixture, "publish", "-r", "linux-x64", "-o", publishDirectory);
        var warnings = publishLog.Split('\n').Where(line => line.Contains(" warning ", StringComparison.Ordinal)).ToArray();
        Assert.True(warnings.Length == 0, string.Join("\n", warnings));
        var nativeOutput = _workspace.RunProgram(Path.Combine(publishDirectory, Fixture));

        Assert.NotEmpty(jitOutput);
        Assert.Equal(jitOutput, nativeOutput);
    }
}
