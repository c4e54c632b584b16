using System.Globalization;
using System.Linq;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Emission;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization.Calibration;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>
/// The build report of one compiled model, as the informational diagnostic QM0011 and as documentation sentences:
/// arithmetic, weight bytes stored against float32, arena bytes, multiply-accumulates and, when the build
/// calibrated, the simulated agreement with the float model and its worst layer.
/// </summary>
internal static class BuildReport
{
    /// <summary>Bytes the model's constant tensors (weights, biases) would take as float32; index and shape tensors are not weights.</summary>
    public static long Float32WeightBytes(ModelGraph graph) =>
        graph.Nodes.SelectMany(n => n.Inputs).Where(name => name.Length > 0).Distinct()
            .Select(graph.GetValue)
            .Where(v => v.Constant is not null && v.Type is ElementType.Float or ElementType.Float16 or ElementType.Int8 or ElementType.UInt8 or ElementType.Int32)
            .Sum(v => 4 * v.ElementCount);

    public static DiagnosticInfo Diagnostic(string modelPath, string arithmetic, ModelFootprint footprint, long float32WeightBytes, QuantizationReport? quantization)
    {
        var text = $"{arithmetic}; weights {Bytes(footprint.WeightBytes)} (float32 {Bytes(float32WeightBytes)}), arena {Bytes(footprint.ArenaBytes)}, {footprint.MultiplyAccumulates.ToString("N0", CultureInfo.InvariantCulture)} MACs";
        if (quantization is not null)
        {
            var worst = quantization.Worst;
            text += $"; on the calibration data top-1 agreement {quantization.Agreeing}/{quantization.Samples}, worst layer '{worst.Tensor}' {Decibels(worst.SqnrDb)} SQNR";
        }

        return DiagnosticInfo.Create(DiagnosticIds.BuildReport, null, modelPath, text);
    }

    /// <summary>The quantization report as documentation sentences: agreement, the worst layer, every layer's SQNR.</summary>
    public static string[] Describe(QuantizationReport report)
    {
        var worst = report.Worst;
        var layers = string.Join(", ", report.Layers.Select(l => $"'{l.Tensor}' {Decibels(l.SqnrDb)}"));
        return new[]
        {
            $"Quantization report on the {report.Samples} calibration samples (int8 weights and activations simulated on the float graph): top-1 agreement with float {report.Agreeing}/{report.Samples}; worst layer '{worst.Tensor}' at {Decibels(worst.SqnrDb)} SQNR.",
            $"SQNR per layer output: {layers}.",
        };
    }

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";

    private static string Decibels(double value) => double.IsPositiveInfinity(value) ? "exact" : value.ToString("0.0", CultureInfo.InvariantCulture) + " dB";
}
