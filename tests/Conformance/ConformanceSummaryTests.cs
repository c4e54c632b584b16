using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Conformance;

/// <summary>Per-operator pass/fail/skip counts, and the consistency of skips.tsv with the test list.</summary>
public sealed class ConformanceSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_skip_names_a_listed_test()
    {
        var unknown = ConformanceManifest.Skips.Keys.Where(id => !ConformanceManifest.Cases.ContainsKey(id)).ToArray();
        Assert.True(unknown.Length == 0, "skips.tsv names tests not in data/MANIFEST.tsv: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_test_without_data_is_skipped()
    {
        var unskipped = ConformanceManifest.Cases.Values.Where(c => !c.HasData && ConformanceManifest.SkipReason(c.Id) is null).Select(c => c.Id).ToArray();
        Assert.True(unskipped.Length == 0, "tests without data must be listed in skips.tsv: " + string.Join(", ", unskipped));
    }

    /// <summary>Prints the table; fails, naming them, if any unskipped test fails (the theory shows each failure's detail).</summary>
    [Fact]
    public void Per_operator_summary()
    {
        var rows = ConformanceManifest.Cases.Values
            .Select(c => (c.Operator, c.Id, Skipped: ConformanceManifest.SkipReason(c.Id) is not null))
            .Select(r => (r.Operator, r.Id, r.Skipped, Passed: !r.Skipped && ConformanceRunner.Run(ConformanceManifest.Cases[r.Id]).Passed))
            .ToArray();

        output.WriteLine($"{"operator",-20} {"passed",6} {"failed",6} {"skipped",7}");
        foreach (var op in rows.GroupBy(r => r.Operator).OrderBy(g => g.Key))
        {
            output.WriteLine($"{op.Key,-20} {op.Count(r => r.Passed),6} {op.Count(r => !r.Passed && !r.Skipped),6} {op.Count(r => r.Skipped),7}");
        }

        var failed = rows.Where(r => !r.Passed && !r.Skipped).Select(r => r.Id).ToArray();
        output.WriteLine($"{"total",-20} {rows.Count(r => r.Passed),6} {failed.Length,6} {rows.Count(r => r.Skipped),7}");
        Assert.True(failed.Length == 0, $"{failed.Length} conformance tests failed: " + string.Join(", ", failed));
    }
}
