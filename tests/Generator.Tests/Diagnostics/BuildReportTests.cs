using System;
using Microsoft.CodeAnalysis;
using QuantizedModels.Generator.Tests.Support;
using NpyWriter = QuantizedModels.TestSupport.NpyWriter;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>Every compiled model reports what it costs as the informational diagnostic QM0011, on its attribute.</summary>
public class BuildReportTests
{
    private const string Calibration = "Models/calibration.npy";

    [Fact]
    public void A_float_model_reports_its_weights_arena_and_macs()
    {
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(TestModels.Mlp());
        var report = harness.Run().BuildReport;

        Assert.Equal(DiagnosticSeverity.Info, report.Severity);
        Assert.Equal(TestSources.ModelAttribute(Assert.Single(harness.Trees)).Span, report.Location.SourceSpan);
        // 4x3 and 2x4 weights with their biases: 26 floats stored as they are; the hidden layer and logits: 6 floats of arena.
        Assert.Equal("'Models/net.onnx': float32; weights 104 B (float32 104 B), arena 24 B, 20 MACs", report.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_int8_build_reports_stored_bytes_against_float32_and_the_calibration_agreement()
    {
        var run = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\""))
            .WithModel(TestModels.Mlp())
            .WithModel(NpyWriter.Write(new[] { 0f, 1f, -1f, 0.5f, 2f, -2f }, 2, 3), Calibration)
            .Run();

        var message = run.BuildReport.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        Assert.StartsWith("'Models/net.onnx': int8 quantized at build time (MinMax calibration on 'Models/calibration.npy'); weights ", message, StringComparison.Ordinal);
        Assert.Contains("(float32 104 B), arena ", message, StringComparison.Ordinal);
        Assert.Contains(", 20 MACs; on the calibration data top-1 agreement 2/2, worst layer '", message, StringComparison.Ordinal);
        Assert.EndsWith(" SQNR", message, StringComparison.Ordinal);
    }
}
