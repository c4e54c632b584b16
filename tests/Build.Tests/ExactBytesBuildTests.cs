using System;
using System.IO;
using QuantizedModels.Build.Tests.Support;
using Xunit;

namespace QuantizedModels.Build.Tests;

/// <summary>
/// Builds the ExactBytes fixture, which prints <c>AllBytes.ModelSha256</c>: the hash of the bytes the generator
/// received. It must equal the hash of the file on disk, before and after one byte of the model changes, and a
/// build with nothing changed must not compile again.
/// </summary>
[Collection(FixtureBuildCollection.Name)]
[Trait(FixtureBuildCollection.Trait, FixtureBuildCollection.TraitValue)]
public sealed class ExactBytesBuildTests : IDisposable
{
    private const string Fixture = "ExactBytes";

    // On csc's command line only when CoreCompile runs for the fixture itself.
    private static readonly string FixtureCompilerOutput = $"/out:obj/{TestEnvironment.Configuration}/net10.0/{Fixture}.dll";

    private readonly FixtureWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void GeneratorSeesTheModelsExactBytesAndRecompilesOnlyWhenTheyChange()
    {
        var modelPath = Path.Combine(_workspace.ProjectDirectory(Fixture), AllBytesModel.RelativePath);

        var firstBuild = Build();
        Assert.Contains(FixtureCompilerOutput, firstBuild, StringComparison.Ordinal);
        Assert.Equal(Sha256.Hex(File.ReadAllBytes(modelPath)), RunFixture());

        var noOpBuild = Build();
        Assert.Contains("Skipping target \"CoreCompile\"", noOpBuild, StringComparison.Ordinal);
        Assert.DoesNotContain(FixtureCompilerOutput, noOpBuild, StringComparison.Ordinal);

        var edited = EditOneWeightByte(modelPath);
        var editedBuild = Build();
        Assert.Contains(FixtureCompilerOutput, editedBuild, StringComparison.Ordinal);
        Assert.Equal(Sha256.Hex(edited), RunFixture());
    }

    private string Build() => _workspace.Dotnet(Fixture, "build", "-v:n");

    private string RunFixture() => _workspace.RunProgram("dotnet", _workspace.OutputAssembly(Fixture));

    /// <summary>Changes a byte inside the weights' raw data, so the model stays valid.</summary>
    private static byte[] EditOneWeightByte(string modelPath)
    {
        var bytes = File.ReadAllBytes(modelPath);
        var weights = bytes.AsSpan().IndexOf(AllBytesModel.RawWeights);
        Assert.True(weights >= 0, "the fixture model no longer holds the raw weights");
        bytes[weights + 0x41] ^= 0x01;
        File.WriteAllBytes(modelPath, bytes);
        return bytes;
    }
}
