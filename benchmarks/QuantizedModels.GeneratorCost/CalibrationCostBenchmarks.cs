using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuantizedModels.TestSupport;

namespace QuantizedModels.GeneratorCost;

/// <summary>
/// Build-time int8 quantization of the MLPerf Tiny float DS-CNN (2.7 M MACs) with 1,000 and 4,000 calibration
/// samples: the generator runs the float graph over every sample once for the ranges (and once more for the
/// histograms of the clipping methods), then twice per sample for the report. Inputs are seeded normal MFCC-sized
/// vectors: the cost does not depend on their values.
/// </summary>
[MemoryDiagnoser]
public class CalibrationCostBenchmarks
{
    private CSharpCompilation compilation = null!;
    private GeneratorDriver driver = null!;

    [Params(1_000, 4_000)]
    public int Samples { get; set; }

    [Params("MinMax", "Entropy")]
    public string Method { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (compilation, driver) = Create(Samples, Method);
        Drivers.RunOrThrow(driver, compilation);
    }

    /// <summary>Reading, calibration, quantization, lowering and emission of the int8 DS-CNN from nothing.</summary>
    [Benchmark]
    public GeneratorDriver QuantizeAtBuildTime() => driver.RunGenerators(compilation);

    /// <summary>The DS-CNN attribute with <paramref name="method"/> and a driver holding the model and <paramref name="samples"/> seeded samples.</summary>
    public static (CSharpCompilation Compilation, GeneratorDriver Driver) Create(int samples, string method)
    {
        const string ModelPath = "Models/kws_ref_model_float.onnx";
        const string CalibrationPath = "Models/calibration.npy";
        var model = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, ModelPath));
        var random = new Random(samples);
        var data = new float[samples * 490];
        for (var i = 0; i < data.Length; i++) data[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())) * 8;
        var compilation = Drivers.Compilation($$"""
            using QuantizedModels;

            [QuantizedModel("{{ModelPath}}", Scheme = QuantizationScheme.Int8, CalibrationData = "{{CalibrationPath}}", Calibration = CalibrationMethod.{{method}})]
            public partial class KeywordSpotter;
            """);
        return (compilation, Drivers.Create((ModelPath, model), (CalibrationPath, NpyWriter.Write(data, samples, 1, 1, 49, 10))));
    }
}
