using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using QuantizedModels;

namespace QuantizedModels.Benchmarks;

/// <summary>The digits MLP 64-64-10 trained in float (tools/models/train_lowbit_digits.py), as trained.</summary>
[QuantizedModel("Models/LowBit/float_mlp.onnx")]
public partial class DigitsMlpFloat32;

/// <summary>The same MLP quantized to int8 at build time on 200 training images.</summary>
[QuantizedModel("Models/LowBit/float_mlp.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/LowBit/digits_calibration.npy")]
public partial class DigitsMlpInt8;

/// <summary>The same MLP with int4 weights and int8 activations.</summary>
[QuantizedModel("Models/LowBit/float_mlp.onnx", Scheme = QuantizationScheme.Int4, CalibrationData = "Models/LowBit/digits_calibration.npy")]
public partial class DigitsMlpInt4;

/// <summary>The MLP trained ternary (quantization-aware), ternary weights and float activations.</summary>
[QuantizedModel("Models/LowBit/ternary_mlp.onnx", Scheme = QuantizationScheme.Ternary)]
public partial class DigitsMlpTernary;

/// <summary>The BNN (binary weights and activations), XNOR and popcount in its second layer.</summary>
[QuantizedModel("Models/LowBit/binary_mlp.onnx", Scheme = QuantizationScheme.Binary)]
public partial class DigitsMlpBinary;

/// <summary>The MLP magnitude-pruned to 90 % zeros, float32: structured pruning, then sparse kernels.</summary>
[QuantizedModel("Models/LowBit/pruned_mlp.onnx")]
public partial class DigitsMlpSparse;

/// <summary>The 90 %-pruned MLP in dense int8, which multiplies every zero: what the sparse form must beat.</summary>
[QuantizedModel("Models/LowBit/pruned_mlp.onnx", Scheme = QuantizationScheme.Int8, CalibrationData = "Models/LowBit/digits_calibration.npy")]
public partial class DigitsMlpPrunedInt8;

/// <summary>
/// Weight bytes and batch-1 latency of one digits-size MLP in every below-eight-bit form against float32 and int8, on
/// one real digits image. Guard: every form gives that image the float model's label.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, id: "Latency")]
public class LowBitBenchmarks
{
    private const int Features = 64, Classes = 10;

    private readonly float[] input = new float[Features];
    private readonly float[] output = new float[Classes];
    private readonly DigitsMlpFloat32 float32 = new();
    private readonly DigitsMlpInt8 int8 = new();
    private readonly DigitsMlpInt4 int4 = new();
    private readonly DigitsMlpTernary ternary = new();
    private readonly DigitsMlpBinary binary = new();
    private readonly DigitsMlpSparse sparse = new();
    private readonly DigitsMlpPrunedInt8 prunedInt8 = new();

    [GlobalSetup]
    public void Setup()
    {
        FirstImage().CopyTo(input);
        Float32();
        var label = Array.IndexOf(output, output.Max());
        foreach (var (name, predict, weightBytes) in new (string, Action, long)[]
        {
            ("int8", Int8, DigitsMlpInt8.WeightBytes),
            ("int4", Int4, DigitsMlpInt4.WeightBytes),
            ("ternary", Ternary, DigitsMlpTernary.WeightBytes),
            ("binary", Binary, DigitsMlpBinary.WeightBytes),
            ("90 %-sparse", Sparse, DigitsMlpSparse.WeightBytes),
            ("90 %-pruned int8", PrunedInt8, DigitsMlpPrunedInt8.WeightBytes),
        })
        {
            predict();
            if (Array.IndexOf(output, output.Max()) != label) throw new InvalidOperationException($"The {name} MLP labels the benchmark image differently from the float model.");
            Console.WriteLine($"// {name}: same label as float32; weight bytes {weightBytes} (float32 {DigitsMlpFloat32.WeightBytes})");
        }
    }

    [Benchmark(Baseline = true)]
    public void Float32() => float32.Predict(input, output);

    [Benchmark]
    public void Int8() => int8.Predict(input, output);

    [Benchmark]
    public void Int4() => int4.Predict(input, output);

    [Benchmark]
    public void Ternary() => ternary.Predict(input, output);

    [Benchmark]
    public void Binary() => binary.Predict(input, output);

    [Benchmark]
    public void Sparse() => sparse.Predict(input, output);

    [Benchmark]
    public void PrunedInt8() => prunedInt8.Predict(input, output);

    /// <summary>The first calibration image (float32 .npy, format 1.0 header).</summary>
    private static float[] FirstImage()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Models/LowBit/digits_calibration.npy"));
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        if (!Encoding.ASCII.GetString(bytes, 10, headerLength).Contains("'descr': '<f4'")) throw new InvalidDataException("digits_calibration.npy is not float32");
        return MemoryMarshal.Cast<byte, float>(bytes.AsSpan(10 + headerLength, Features * sizeof(float))).ToArray();
    }
}
