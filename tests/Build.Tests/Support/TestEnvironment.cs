using System.IO;
using System.Linq;
using System.Reflection;

namespace QuantizedModels.Build.Tests.Support;

/// <summary>Where this test assembly was built from, recorded at build time.</summary>
internal static class TestEnvironment
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    /// <summary>Fixtures build the repository's projects in this configuration, which the test run already built.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    public static string FixturesDirectory { get; } = Path.Combine(RepoRoot, "tests", "Build.Tests", "Fixtures");

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
