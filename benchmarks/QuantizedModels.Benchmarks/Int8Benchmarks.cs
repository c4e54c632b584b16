using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using QuantizedModels;

namespace QuantizedModels.Benchmarks;

/// <summary>MLPerf Tiny keyword spotting DS-CNN, int8 as TensorFlow Lite quantized it: input int8 [1,49,10,1], output [1,12].</summary>
[QuantizedModel("Models/kws_ref_model.tflite")]
public partial class KwsDsCnnInt8
{
}

/// <summary>The float DS-CNN with float16 weights, decoded per layer (float32 arithmetic).</summary>
[QuantizedModel("Models/kws_ref_model_float.onnx", Scheme = QuantizationScheme.Float16)]
public partial class KwsDsCnnFloat16
{
}

/// <summary>The float DS-CNN with per-channel int8 weights, dequantized per layer (float32 activations).</summary>
[QuantizedModel("Models/kws_ref_model_float.onnx", Scheme = QuantizationScheme.Int8WeightOnly)]
public partial class KwsDsCnnInt8WeightOnly
{
}

/// <summary>
/// The int8 DS-CNN compiled from its TFLite file, through its raw int8 overload and its float overload, against
/// the float DS-CNN (generated in float32, with float16 weights and with int8 weights, and ONNX Runtime) on the same input: one real MFCC vector of the oracle set, which
/// the float models read dequantized. The int8 output must equal what a TensorFlow Lite 2.9 interpreter gave.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, id: "Latency")]
public class Int8Benchmarks
{
    private const int InputLength = 490;
    private const int OutputLength = 12;

    private readonly sbyte[] inputInt8 = new sbyte[InputLength];
    private readonly sbyte[] outputInt8 = new sbyte[OutputLength];
    private readonly float[] input = new float[InputLength];
    private readonly float[] output = new float[OutputLength];
    private KwsDsCnnInt8 int8Model = null!;
    private KwsDsCnn floatModel = null!;
    private KwsDsCnnFloat16 float16Model = null!;
    private KwsDsCnnInt8WeightOnly int8WeightOnlyModel = null!;
    private OrtRunner ortSingleThread = null!;

    [GlobalSetup]
    public void Setup()
    {
        var inputs = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Models/kws_ref_model.inputs_int8.bin"));
        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Models/kws_ref_model.outputs_int8.bin")).Take(OutputLength).Select(b => (sbyte)b).ToArray();
        for (var i = 0; i < InputLength; i++)
        {
            inputInt8[i] = (sbyte)inputs[i];
            input[i] = KwsDsCnnInt8.InputScale * (inputInt8[i] - KwsDsCnnInt8.InputZeroPoint);
        }

        int8Model = new KwsDsCnnInt8();
        floatModel = new KwsDsCnn();
        ortSingleThread = OrtRunner.For<KwsDsCnn>(input, intraOpThreads: 1);
        GeneratedInt8();
        if (!outputInt8.SequenceEqual(expected))
        {
            throw new InvalidOperationException("The compiled int8 model's output differs from the TensorFlow Lite interpreter's.");
        }

        Console.WriteLine("// int8 output equals the TensorFlow Lite interpreter's");
        float16Model = new KwsDsCnnFloat16();
        int8WeightOnlyModel = new KwsDsCnnInt8WeightOnly();
        CheckAgainstFloat("float16-weight", GeneratedFloat16, maxDifference: 0.002f);
        CheckAgainstFloat("int8 weight-only", GeneratedInt8WeightOnly, maxDifference: 0.03f);
    }

    /// <summary>A weight-storage scheme must keep the float model's answer on the benchmark input, its scores close.</summary>
    private void CheckAgainstFloat(string scheme, Action predict, float maxDifference)
    {
        GeneratedFloat();
        var expected = output.ToArray();
        predict();
        var difference = expected.Zip(output, (e, a) => Math.Abs(e - a)).Max();
        if (Array.IndexOf(expected, expected.Max()) != Array.IndexOf(output, output.Max()) || difference > maxDifference)
        {
            throw new InvalidOperationException($"The {scheme} DS-CNN's output differs from the float model's by {difference}.");
        }

        Console.WriteLine($"// {scheme} output within {difference} of the float model's, same label");
    }

    [Benchmark]
    public void GeneratedInt8() => int8Model.Predict(inputInt8, outputInt8);

    [Benchmark]
    public void GeneratedInt8FloatApi() => int8Model.Predict(input, output);

    [Benchmark]
    public void GeneratedFloat() => floatModel.Predict(input, output);

    [Benchmark]
    public void GeneratedFloat16() => float16Model.Predict(input, output);

    [Benchmark]
    public void GeneratedInt8WeightOnly() => int8WeightOnlyModel.Predict(input, output);

    [Benchmark(Baseline = true)]
    public void OrtFloatSingleThread() => ortSingleThread.Run();

    [GlobalCleanup]
    public void Cleanup() => ortSingleThread.Dispose();
}
