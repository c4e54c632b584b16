using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using QuantizedModels.Oracle.Interpreter;

namespace QuantizedModels.Benchmarks;

/// <summary>TensorFlow Lite Micro's micro_speech classifier, int8 as TFLite quantized it: input int8 [1,49,40,1] features, output [1,4].</summary>
[QuantizedModel("Models/micro_speech_quantized.tflite")]
public partial class MicroSpeech
{
}

/// <summary>
/// micro_speech has no float ONNX file for ONNX Runtime, so its baseline is the TensorFlow Lite 2.9 interpreter (the
/// oracle tests' C library, built-in optimized kernels, one thread) on the same int8 features of the "yes" test clip.
/// The generated output must equal the interpreter's.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, id: "Latency")]
public class MicroSpeechBenchmarks
{
    private readonly sbyte[] input = new sbyte[MicroSpeech.InputLength];
    private readonly sbyte[] output = new sbyte[MicroSpeech.OutputLength];
    private readonly sbyte[] interpreterOutput = new sbyte[MicroSpeech.OutputLength];
    private MicroSpeech model = null!;
    private TfliteInterpreter interpreter = null!;

    [GlobalSetup]
    public void Setup()
    {
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Models/yes_1000ms.features_49x40_int8.bin")).Select(b => (sbyte)b).ToArray().CopyTo(input, 0);
        model = new MicroSpeech();
        interpreter = new TfliteInterpreter(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Models/micro_speech_quantized.tflite")));
        Generated();
        TfliteInterpreter();
        if (!output.SequenceEqual(interpreterOutput))
        {
            throw new InvalidOperationException($"The compiled micro_speech gives [{string.Join(", ", output)}], the TensorFlow Lite interpreter [{string.Join(", ", interpreterOutput)}].");
        }

        Console.WriteLine($"// int8 output equals the TensorFlow Lite {Oracle.Interpreter.TfliteInterpreter.Version} interpreter's: [{string.Join(", ", output)}]");
    }

    [Benchmark]
    public void Generated() => model.Predict(input, output);

    [Benchmark(Baseline = true)]
    public void TfliteInterpreter() => interpreter.Invoke<sbyte, sbyte>(input, interpreterOutput);

    [GlobalCleanup]
    public void Cleanup() => interpreter.Dispose();
}
