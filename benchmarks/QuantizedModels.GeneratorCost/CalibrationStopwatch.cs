using System;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace QuantizedModels.GeneratorCost;

/// <summary>
/// One timed generator run of the calibrated DS-CNN without BenchmarkDotNet, for quick before/after checks; prints
/// the wall time and a hash of the generated source, so two builds of the generator can be shown to emit the same model.
/// </summary>
internal static class CalibrationStopwatch
{
    public static void Run(int samples, string method)
    {
        var (compilation, driver) = CalibrationCostBenchmarks.Create(samples, method);
        var watch = Stopwatch.StartNew();
        var ran = Drivers.RunOrThrow(driver, compilation);
        watch.Stop();
        var source = string.Concat(ran.GetRunResult().GeneratedTrees.Select(t => t.GetText().ToString()));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
        Console.WriteLine($"DS-CNN, {samples:N0} samples, {method}: {watch.Elapsed.TotalSeconds:F2} s, generated source {source.Length:N0} chars, sha256 {hash}");
    }
}
