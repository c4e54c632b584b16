using System;
using System.IO;
using System.Linq;
using Xunit;

namespace QuantizedModels.Build.Tests.Support;

/// <summary>
/// A temp copy of the Fixtures folder, so fixture builds keep their bin/ and obj/ out of the repository and
/// may edit their models. The repository's own projects build in place, already up to date from the test run.
/// </summary>
internal sealed class FixtureWorkspace : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);
    private readonly TempDirectory _root = new();

    public FixtureWorkspace()
    {
        Copy(TestEnvironment.FixturesDirectory, _root.Path);
    }

    public string ProjectDirectory(string fixture) => _root.Combine(fixture);

    public string OutputAssembly(string fixture) =>
        Path.Combine(ProjectDirectory(fixture), "bin", TestEnvironment.Configuration, "net10.0", fixture + ".dll");

    /// <summary>Runs <c>dotnet build</c>/<c>publish</c> on a fixture and asserts it succeeded; returns its log.</summary>
    public string Dotnet(string fixture, string command, params string[] arguments)
    {
        var result = ProcessRunner.Run("dotnet", ProjectDirectory(fixture), CommandTimeout, new[]
        {
            command, "-c", TestEnvironment.Configuration, $"-p:RepoRoot={TestEnvironment.RepoRoot}",
            "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off",
        }.Concat(arguments).ToArray());
        Assert.True(result.ExitCode == 0, $"dotnet {command} of {fixture} failed: {result}");
        return result.Output;
    }

    /// <summary>Runs a built program and returns what it printed, trimmed.</summary>
    public string RunProgram(string fileName, params string[] arguments)
    {
        var result = ProcessRunner.Run(fileName, _root.Path, CommandTimeout, arguments);
        Assert.True(result.ExitCode == 0, $"{fileName} failed: {result}");
        return result.Output.Trim();
    }

    public void Dispose() => _root.Dispose();

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            Copy(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
