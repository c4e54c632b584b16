using System;
using QuantizedModels.Generator.Tests.Support;
using NpyWriter = QuantizedModels.TestSupport.NpyWriter;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>Static int8 quantization of a float model needs calibration data; every way it can be missing or wrong is QM0010.</summary>
public class CalibrationDataTests
{
    private const string Calibration = "Models/calibration.npy";

    [Fact]
    public void Int8_without_calibration_data_is_QM0010()
    {
        var message = Diagnose("Scheme = QuantizationScheme.Int8", withFile: null);

        Assert.Contains("needs calibration data", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibration_file_the_build_did_not_get_is_QM0010()
    {
        var message = Diagnose($"Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\"", withFile: null);

        Assert.Contains("was not given to the build", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibration_array_of_the_wrong_size_is_QM0010()
    {
        var message = Diagnose($"Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\"", NpyWriter.Write(new float[10], 2, 5));

        Assert.Contains("values per sample", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibration_file_that_is_not_npy_is_QM0010()
    {
        var message = Diagnose($"Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\"", new byte[] { 1, 2, 3 });

        Assert.Contains("not a NumPy .npy file", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_percentile_of_50_or_less_is_QM0010()
    {
        var message = Diagnose($"Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\", Calibration = CalibrationMethod.Percentile, CalibrationPercentile = 40", NpyWriter.Write(new float[6], 2, 3));

        Assert.Contains("percentile", message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_calibration_data_the_model_compiles_to_int8()
    {
        var run = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{Calibration}\""))
            .WithModel(TestModels.Mlp())
            .WithModel(NpyWriter.Write(new[] { 0f, 1f, -1f, 0.5f, 2f, -2f }, 2, 3), Calibration)
            .Run();

        Assert.Empty(run.Problems);
        Assert.Empty(run.CompilationProblems);
        Assert.Contains("Int8FullyConnected", run.SingleSource, StringComparison.Ordinal);
        Assert.Contains("int8 quantized at build time (MinMax calibration", run.SingleSource, StringComparison.Ordinal);
        Assert.Contains("Quantization report on the 2 calibration samples", run.SingleSource, StringComparison.Ordinal);
        Assert.Contains("SQNR per layer output: '", run.SingleSource, StringComparison.Ordinal);
    }

    private static string Diagnose(string arguments, byte[]? withFile)
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", {arguments}"))
            .WithModel(TestModels.Mlp());
        if (withFile is not null) harness = harness.WithModel(withFile, Calibration);
        return DiagnosticAssert.SingleOnAttribute(harness, "QM0010").GetMessage();
    }
}
