using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace QuantizedModels.Benchmarks;

/// <summary>
/// The float DS-CNN quantized to int8 by the build (the sample's calibration MFCCs), rounding as ONNX Runtime does,
/// exporting its quantized graph as QDQ ONNX.
/// </summary>
[QuantizedModel("Models/kws_ref_model_float.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/kws_calibration.npy", Rounding = QuantizedRounding.OnnxRuntime, ExportQdq = true)]
public partial class KwsDsCnnBuildInt8
{
}

/// <summary>
/// ONNX Runtime on a QDQ int8 model: the build-quantized DS-CNN against ONNX Runtime running the QDQ model the same
/// build exported (its default optimisations fuse each QDQ group into integer kernels), one thread, on the same input
/// (one real MFCC vector of the oracle set, dequantized). Both must give the same label and scores within one step.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, id: "Latency")]
public class QdqExportBenchmarks
{
    private readonly float[] input = new float[KwsDsCnnBuildInt8.InputLength];
    private readonly float[] output = new float[KwsDsCnnBuildInt8.OutputLength];
    private KwsDsCnnBuildInt8 model = null!;
    private OrtRunner ortOnExport = null!;

    [GlobalSetup]
    public void Setup()
    {
        var features = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Models/kws_ref_model.inputs_int8.bin"));
        for (var i = 0; i < input.Length; i++) input[i] = KwsDsCnnInt8.InputScale * ((sbyte)features[i] - KwsDsCnnInt8.InputZeroPoint);

        var exportPath = Path.Combine(AppContext.BaseDirectory, "kws_build_int8_qdq.onnx");
        using (var file = File.Create(exportPath)) KwsDsCnnBuildInt8.WriteQdqOnnx(file);
        model = new KwsDsCnnBuildInt8();
        ortOnExport = new OrtRunner(exportPath, input, ModelData.Dims(KwsDsCnnBuildInt8.InputShape), ModelData.Dims(KwsDsCnnBuildInt8.OutputShape), intraOpThreads: 1);
        Generated();
        OrtOnExportedQdq();
        var steps = output.Zip(ortOnExport.Output, (a, e) => Math.Abs(a - e)).Max() / KwsDsCnnBuildInt8.OutputScale;
        if (Array.IndexOf(output, output.Max()) != Array.IndexOf(ortOnExport.Output, ortOnExport.Output.Max()) || steps > 1.01f)
        {
            throw new InvalidOperationException($"The build-quantized DS-CNN differs from ONNX Runtime on its QDQ export by {steps} output steps.");
        }

        Console.WriteLine($"// build-quantized int8 output within {steps} steps of ONNX Runtime {OrtEnv.Instance().GetVersionString()} on the exported QDQ model, same label");
    }

    [Benchmark]
    public void Generated() => model.Predict(input, output);

    [Benchmark(Baseline = true)]
    public void OrtOnExportedQdq() => ortOnExport.Run();

    [GlobalCleanup]
    public void Cleanup() => ortOnExport.Dispose();
}
