using BenchmarkDotNet.Attributes;
using QuantizedModels;

namespace QuantizedModels.Benchmarks;

/// <summary>The 784-1024-256-10 MLP quantized to int8 by the build (MinMax on 16 uniform inputs like the benchmark's).</summary>
[QuantizedModel("Models/mlp.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/mlp_calibration.npy")]
public partial class MlpInt8 : IFloatPredictor
{
}

/// <summary>The 1 M-MAC CNN quantized to int8 by the build (MinMax on 16 uniform inputs like the benchmark's).</summary>
[QuantizedModel("Models/cnn.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/cnn_calibration.npy")]
public partial class CnnInt8 : IFloatPredictor
{
}

/// <summary>
/// Batch-1 latency of a model quantized to int8 by the build (float in, float out: quantize, integer layers,
/// dequantize) against the same model in float32 and ONNX Runtime's float run with one thread, on the same input.
/// </summary>
[GenericTypeArguments(typeof(Mlp), typeof(MlpInt8))]
[GenericTypeArguments(typeof(Cnn), typeof(CnnInt8))]
[MemoryDiagnoser]
[Config(typeof(LatencyConfig))]
public class Int8LatencyBenchmarks<TFloat, TInt8>
    where TFloat : class, IBenchmarkModel, new()
    where TInt8 : class, IFloatPredictor, new()
{
    private readonly float[] input = ModelData.Input<TFloat>();
    private readonly float[] output = ModelData.Output<TFloat>();
    private TFloat floatModel = null!;
    private TInt8 int8Model = null!;
    private OrtRunner ortSingleThread = null!;

    [GlobalSetup]
    public void Setup()
    {
        floatModel = new TFloat();
        int8Model = new TInt8();
        ortSingleThread = OrtRunner.For<TFloat>(input, intraOpThreads: 1);
        OrtFloatSingleThread();
        var reference = ortSingleThread.Output;
        // Random weights and inputs: the int8 scores must track the float ones (a few percent of their span), not a label.
        OutputGuard.WithinRange($"{typeof(TFloat).Name} float32", GeneratedFloat, output, reference, 1e-3f);
        OutputGuard.WithinRange($"{typeof(TFloat).Name} int8", GeneratedInt8, output, reference, 0.05f);
    }

    [Benchmark]
    public void GeneratedInt8() => int8Model.Predict(input, output);

    [Benchmark]
    public void GeneratedFloat() => floatModel.Predict(input, output);

    [Benchmark(Baseline = true)]
    public void OrtFloatSingleThread() => ortSingleThread.Run();

    [GlobalCleanup]
    public void Cleanup() => ortSingleThread.Dispose();
}
