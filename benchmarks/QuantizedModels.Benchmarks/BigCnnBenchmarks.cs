using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using QuantizedModels;

namespace QuantizedModels.Benchmarks;

/// <summary>The 50 M-MAC CNN quantized to int8 by the build (MinMax on 16 uniform inputs; the weights are random, so speed is the point).</summary>
[QuantizedModel("Models/cnn50m.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/cnn50m_calibration.npy")]
public partial class BigCnnInt8
{
}

/// <summary>The 50 M-MAC CNN with float16 weights (float32 arithmetic).</summary>
[QuantizedModel("Models/cnn50m.onnx", Scheme = QuantizationScheme.Float16)]
public partial class BigCnnFloat16
{
}

/// <summary>The 50 M-MAC CNN with per-channel int8 weights and float32 activations.</summary>
[QuantizedModel("Models/cnn50m.onnx", Scheme = QuantizationScheme.Int8WeightOnly)]
public partial class BigCnnInt8WeightOnly
{
}

/// <summary>
/// The 50 M-MAC CNN in every scheme against ONNX Runtime's float run, batch 1: the arithmetic-bound case, where
/// GOPS = 2 x <see cref="BigCnn.MultiplyAccumulates"/> / mean time can be set against the CPU's peak.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LatencyConfig))]
public class BigCnnBenchmarks
{
    private readonly float[] input = ModelData.Input<BigCnn>();
    private readonly float[] output = ModelData.Output<BigCnn>();
    private BigCnn floatModel = null!;
    private BigCnnInt8 int8Model = null!;
    private BigCnnFloat16 float16Model = null!;
    private BigCnnInt8WeightOnly int8WeightOnlyModel = null!;
    private OrtRunner ortSingleThread = null!;

    [GlobalSetup]
    public void Setup()
    {
        floatModel = new BigCnn();
        int8Model = new BigCnnInt8();
        float16Model = new BigCnnFloat16();
        int8WeightOnlyModel = new BigCnnInt8WeightOnly();
        ortSingleThread = OrtRunner.For<BigCnn>(input, intraOpThreads: 1);
        OrtFloatSingleThread();
        var reference = ortSingleThread.Output;
        Check("float32", GeneratedFloat, reference, 1e-3f);
        Check("float16-weight", GeneratedFloat16, reference, 0.01f);
        Check("int8 weight-only", GeneratedInt8WeightOnly, reference, 0.05f);
        Check("int8", GeneratedInt8, reference, 0.25f);
    }

    private void Check(string scheme, Action predict, float[] reference, float bound) =>
        OutputGuard.WithinRange($"{scheme} CNN", predict, output, reference, bound);

    [Benchmark]
    public void GeneratedFloat() => floatModel.Predict(input, output);

    [Benchmark]
    public void GeneratedInt8() => int8Model.Predict(input, output);

    [Benchmark]
    public void GeneratedFloat16() => float16Model.Predict(input, output);

    [Benchmark]
    public void GeneratedInt8WeightOnly() => int8WeightOnlyModel.Predict(input, output);

    [Benchmark(Baseline = true)]
    public void OrtFloatSingleThread() => ortSingleThread.Run();

    [GlobalCleanup]
    public void Cleanup() => ortSingleThread.Dispose();
}
