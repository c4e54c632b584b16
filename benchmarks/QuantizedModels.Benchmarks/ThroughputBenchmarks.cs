using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace QuantizedModels.Benchmarks;

/// <summary>
/// Inferences per second with one instance per core, each on its own thread, batch 1: the generated class (one
/// instance owns one arena) against one single-threaded ONNX Runtime session per core. The reported time is per round
/// in which every core finishes one inference (OperationsPerInvoke), so throughput = cores / mean.
/// </summary>
[GenericTypeArguments(typeof(KwsDsCnn))]
[GenericTypeArguments(typeof(Cnn))]
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, id: "Throughput")]
public class ThroughputBenchmarks<TModel>
    where TModel : class, IBenchmarkModel, new()
{
    private const int CallsPerThread = 64;
    private static readonly int Cores = Environment.ProcessorCount;

    private (TModel Model, float[] Input, float[] Output)[] generated = null!;
    private OrtRunner[] ort = null!;

    [GlobalSetup]
    public void Setup()
    {
        generated = Enumerable.Range(0, Cores).Select(_ => (new TModel(), ModelData.Input<TModel>(), ModelData.Output<TModel>())).ToArray();
        ort = Enumerable.Range(0, Cores).Select(_ => OrtRunner.For<TModel>(ModelData.Input<TModel>(), intraOpThreads: 1)).ToArray();
        Generated();
        Ort();
        var difference = generated.Zip(ort, (g, o) => g.Output.Zip(o.Output, (a, b) => Math.Abs(a - b)).Max()).Max();
        if (!(difference <= 1e-3f)) throw new InvalidOperationException($"{typeof(TModel).Name}: generated and ORT outputs differ by {difference}.");
    }

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public void Generated() => Parallel.For(0, Cores, new ParallelOptions { MaxDegreeOfParallelism = Cores }, core =>
    {
        var (model, input, output) = generated[core];
        for (var i = 0; i < CallsPerThread; i++) model.Predict(input, output);
    });

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerThread)]
    public void Ort() => Parallel.For(0, Cores, new ParallelOptions { MaxDegreeOfParallelism = Cores }, core =>
    {
        for (var i = 0; i < CallsPerThread; i++) ort[core].Run();
    });

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var runner in ort) runner.Dispose();
    }
}
