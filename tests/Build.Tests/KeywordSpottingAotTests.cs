using System;
using System.IO;
using System.Linq;
using QuantizedModels.Build.Tests.Support;
using Xunit;

namespace QuantizedModels.Build.Tests;

/// <summary>
/// Publishes the keyword-spotting sample as a trimmed NativeAOT executable, exactly as its README says, and
/// runs it on committed clips: no trim or AOT warning, and the spoken keyword comes out as the label.
/// </summary>
[Collection(FixtureBuildCollection.Name)]
[Trait(FixtureBuildCollection.Trait, FixtureBuildCollection.TraitValue)]
public sealed class KeywordSpottingAotTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private readonly TempDirectory _output = new();

    public void Dispose() => _output.Dispose();

    [Fact]
    public void PublishedSampleSpotsTheKeywordsOfCommittedClips()
    {
        var sample = Path.Combine(TestEnvironment.RepoRoot, "samples", "KeywordSpotting");
        var publish = ProcessRunner.Run("dotnet", sample, Timeout, "publish", "-c", "Release", "-r", "linux-x64", "-o", _output.Path, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off");
        Assert.True(publish.ExitCode == 0, $"publish failed: {publish}");
        var warnings = publish.Output.Split('\n').Where(line => line.Contains(" warning ", StringComparison.Ordinal)).ToArray();
        Assert.True(warnings.Length == 0, string.Join("\n", warnings));

        var clips = new[] { "yes_563aa4e6_nohash_2.wav", "stop_563aa4e6_nohash_2.wav", "cat_aef8dcf5_nohash_0.wav" }
            .Select(clip => Path.Combine(sample, "audio", clip))
            .ToArray();
        var run = ProcessRunner.Run(Path.Combine(_output.Path, "kws"), sample, Timeout, clips);
        Assert.True(run.ExitCode == 0, $"kws failed: {run}");
        var labels = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[1]).ToArray();
        Assert.Equal(new[] { "yes", "stop", "unknown" }, labels);
    }
}
