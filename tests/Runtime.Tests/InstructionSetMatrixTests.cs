using System;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Runtime.Tests;

/// <summary>
/// Runs this assembly's tests again in child processes with the wider instruction sets switched off through the
/// runtime's DOTNET_Enable* settings, so the AVX2, Vector128 and scalar paths are checked against their references on
/// this CPU too, not only the widest path it has (the in-process run takes AVX-VNNI and AVX-512).
/// </summary>
public class InstructionSetMatrixTests(ITestOutputHelper output)
{
    /// <summary>Settings, and the instruction sets <see cref="Int8DotTests"/> must then report (its first output line).</summary>
    public static TheoryData<string, string> Configurations => new()
    {
        { "DOTNET_EnableAVXVNNI=0 DOTNET_EnableAVX512=0", "AvxVnni=False Avx512BW=False Avx2=True" },
        { "DOTNET_EnableAVX2=0", "AvxVnni=False Avx512BW=False Avx2=False Sse2=True Vector128=True" },
        { "DOTNET_EnableHWIntrinsic=0", "AvxVnni=False Avx512BW=False Avx2=False Sse2=False Vector128=False" },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Every_kernel_test_passes_with_narrower_instruction_sets(string settings, string expectedInstructionSets)
    {
        var assembly = typeof(InstructionSetMatrixTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "test", assembly, "--filter", $"FullyQualifiedName!~{nameof(InstructionSetMatrixTests)}", "--logger", "console;verbosity=detailed" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var setting in settings.Split(' '))
        {
            var parts = setting.Split('=');
            start.Environment[parts[0]] = parts[1];
        }

        using var child = Process.Start(start)!;
        var errors = child.StandardError.ReadToEndAsync();
        var log = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        output.WriteLine($"{settings}: exit {child.ExitCode}");
        output.WriteLine(string.Join("\n", log.Split('\n').Where(line => line.Contains("Failed", StringComparison.Ordinal) || line.Contains("Total tests", StringComparison.Ordinal) || line.Contains("Passed:", StringComparison.Ordinal))));

        Assert.True(child.ExitCode == 0, $"{settings}: the child run failed (exit {child.ExitCode}).\n{log}\n{await errors}");
        var reported = Regex.Match(log, "AvxVnni=\\w+ Avx512BW=\\w+ Avx2=\\w+ Sse2=\\w+ Vector128=\\w+");
        Assert.True(reported.Success, $"{settings}: the child did not report its instruction sets.\n{log}");
        foreach (var expected in expectedInstructionSets.Split(' '))
        {
            Assert.Contains(expected, reported.Value, StringComparison.Ordinal);
        }

        var passed = int.Parse(Regex.Match(log, @"Passed:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(passed >= 200, $"{settings}: only {passed} tests ran in the child.");
    }
}
