using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace QuantizedModels.Benchmarks;

/// <summary>
/// Time to the first result in a fresh process: constructor + first Predict against new InferenceSession +
/// binding + first run. Each launch measures one cold call, so JIT, type loading and (for ORT) loading the
/// native library and optimising the graph are all counted, as an application would pay them.
/// </summary>
[GenericTypeArguments(typeof(KwsDsCnn))]
[GenericTypeArguments(typeof(Mlp))]
[GenericTypeArguments(typeof(Cnn))]
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1, id: "ColdStart")]
public class StartupBenchmarks<TModel>
    where TModel : class, IBenchmarkModel, new()
{
    private readonly float[] input = ModelData.Input<TModel>();
    private readonly float[] output = ModelData.Output<TModel>();
    private OrtRunner? ort;

    [Benchmark]
    public TModel Generated()
    {
        var model = new TModel();
        model.Predict(input, output);
        return model;
    }

    [Benchmark(Baseline = true)]
    public void OrtSingleThread() => StartOrt(intraOpThreads: 1);

    [Benchmark]
    public void OrtDefaultThreads() => StartOrt(intraOpThreads: null);

    /// <summary>Disposal is outside the measurement: it is shutdown cost, not start-up.</summary>
    [IterationCleanup]
    public void DisposeSession()
    {
        ort?.Dispose();
        ort = null;
    }

    private void StartOrt(int? intraOpThreads)
    {
        ort = OrtRunner.For<TModel>(input, intraOpThreads);
        ort.Run();
    }
}
