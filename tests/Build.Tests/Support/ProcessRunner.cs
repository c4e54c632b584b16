using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace QuantizedModels.Build.Tests.Support;

/// <summary>Runs a child process (the <c>dotnet</c> CLI or a built program) with a time limit, capturing all output.</summary>
internal static class ProcessRunner
{
    // Inherited from `dotnet test`, these would point the child build at the test host's MSBuild instance.
    private static readonly string[] InheritedMSBuildVariables = { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" };

    public static ProcessResult Run(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedMSBuildVariables)
        {
            startInfo.Environment.Remove(name);
        }

        // Build servers left running would hold the output pipes open and keep files locked after the test.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["UseSharedCompilation"] = "false";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = new StringBuilder();
        var stdout = Task.Run(() => output.Append(process.StandardOutput.ReadToEnd()));
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        stdout.Wait();
        return new ProcessResult(process.ExitCode, output.ToString(), stderr.Result);
    }
}

internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
}
