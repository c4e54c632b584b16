using System;
using BenchmarkDotNet.Attributes;

namespace QuantizedModels.Benchmarks;

/// <summary>
/// Steady-state batch-1 latency and allocations per call: the generated class against ORT with one intra-op
/// thread (the baseline, matching the generated code's single thread) and with ORT's default thread pool.
/// </summary>
/// <remarks>Each measured iteration is one call (<see cref="LatencyConfig"/>): mean, median, p95 and p99 per call.</remarks>
[GenericTypeArguments(typeof(KwsDsCnn))]
[GenericTypeArguments(typeof(Mlp))]
[GenericTypeArguments(typeof(Cnn))]
[MemoryDiagnoser]
[Config(typeof(LatencyConfig))]
public class LatencyBenchmarks<TModel>
    where TModel : class, IBenchmarkModel, new()
{
    private const float Tolerance = 1e-3f;

    private readonly float[] input = ModelData.Input<TModel>();
    private readonly float[] output = ModelData.Output<TModel>();
    private TModel model = null!;
    private OrtRunner ortSingleThread = null!;
    private OrtRunner ortDefaultThreads = null!;

    [GlobalSetup]
    public void Setup()
    {
        model = new TModel();
        ortSingleThread = OrtRunner.For<TModel>(input, intraOpThreads: 1);
        ortDefaultThreads = OrtRunner.For<TModel>(input, intraOpThreads: null);
        VerifySameResults();
    }

    [Benchmark]
    public void Generated() => model.Predict(input, output);

    [Benchmark(Baseline = true)]
    public void OrtSingleThread() => ortSingleThread.Run();

    [Benchmark]
    public void OrtDefaultThreads() => ortDefaultThreads.Run();

    [GlobalCleanup]
    public void Cleanup()
    {
        ortSingleThread.Dispose();
        ortDefaultThreads.Dispose();
    }

    /// <summary>Guards against timing different work: all three must compute the same function of the same input.</summary>
    private void VerifySameResults()
    {
        Generated();
        OrtSingleThread();
        OrtDefaultThreads();
        var diff = Math.Max(MaxAbsDiff(output, ortSingleThread.Output), MaxAbsDiff(output, ortDefaultThreads.Output));
        Console.WriteLine($"// {typeof(TModel).Name}: max |generated - ORT| = {diff:E2} over {output.Length} outputs");
        if (!(diff <= Tolerance))
        {
            throw new InvalidOperationException($"{typeof(TModel).Name}: generated output differs from ORT by {diff} (> {Tolerance}).");
        }
    }

    private static float MaxAbsDiff(float[] a, float[] b)
    {
        var max = 0f;
        for (var i = 0; i < a.Length; i++) max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        return max;
    }
}
