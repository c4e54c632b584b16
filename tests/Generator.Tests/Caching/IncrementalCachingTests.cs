using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using QuantizedModels.Generator.Pipeline;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Caching;

public class IncrementalCachingTests
{
    [Fact]
    public void An_unrelated_new_file_redoes_no_model_work()
    {
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(TestModels.Mlp());
        var compilation = harness.Compilation();
        var driver = harness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, "Unrelated.cs")));

        Assert.All(StepReasons.Outputs(driver, TrackingNames.Results), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_an_unrelated_file_redoes_no_model_work()
    {
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithSource("class Unrelated { }", "Unrelated.cs").WithModel(TestModels.Mlp());
        var compilation = harness.Compilation();
        var driver = harness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var unrelated = harness.Trees[1];

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(unrelated.GetText().Replace(0, 0, "// edited\n"))));

        Assert.All(StepReasons.Outputs(driver, TrackingNames.Results), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_unrelated_edit_does_not_calibrate_again_and_new_calibration_data_does()
    {
        const string calibration = "Models/calibration.npy";
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{calibration}\""))
            .WithModel(TestModels.Mlp())
            .WithModel(TestSupport.NpyWriter.Write(new[] { 0f, 1f, -1f, 0.5f, 2f, -2f }, 2, 3), calibration);
        var compilation = harness.Compilation();
        var driver = harness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = AddUnrelatedFileExpectingCachedResult(driver, compilation);

        var newData = TestSupport.NpyWriter.Write(new[] { 0f, 3f, -1f, 0.5f, 2f, -2f }, 2, 3);
        driver = driver.ReplaceAdditionalText(harness.TextFor(calibration), ModelText(newData, calibration)).RunGenerators(compilation);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(StepReasons.Outputs(driver, TrackingNames.Results)).Reason);
    }

    [Fact]
    public void Layer_overrides_cache_across_unrelated_edits_and_changing_one_recompiles()
    {
        const string calibration = "Models/calibration.npy";
        static string Source(string node) => TestSources.ModelClass(
            $"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.Int8, CalibrationData = \"{calibration}\"",
            otherAttributes: $"\n[QuantizedLayer(\"{node}\", QuantizationScheme.Float32)]");
        var harness = new GeneratorHarness()
            .WithSource(Source("gemm_3"))
            .WithModel(TestModels.Mlp())
            .WithModel(TestSupport.NpyWriter.Write(new[] { 0f, 1f, -1f, 0.5f, 2f, -2f }, 2, 3), calibration);
        var compilation = harness.Compilation();
        var driver = harness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = AddUnrelatedFileExpectingCachedResult(driver, compilation);

        var tree = harness.Trees[0];
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Source("gemm_1"), GeneratorHarness.ParseOptions, tree.FilePath)));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(StepReasons.Outputs(driver, TrackingNames.Results)).Reason);
    }

    [Fact]
    public void Changing_one_byte_of_the_model_recompiles_it()
    {
        var model = TestModels.Mlp();
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model);
        var compilation = harness.Compilation();
        var driver = harness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(harness.TextFor(TestSources.ModelPath), ModelText(WithLastWeightChanged(model))).RunGenerators(compilation);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(StepReasons.Outputs(driver, TrackingNames.Results)).Reason);
    }

    [Fact]
    public void Changing_one_of_two_models_recompiles_only_its_class()
    {
        var first = TestModels.Mlp();
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass("\"Models/first.onnx\"", "First"), "First.cs")
            .WithSource(TestSources.ModelClass("\"Models/second.onnx\"", "Second"), "Second.cs")
            .WithModel(first, "Models/first.onnx")
            .WithModel(TestModels.SingleRelu(), "Models/second.onnx");
        var compilation = harness.Compilation();
        var driver = harness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(harness.TextFor("Models/first.onnx"), ModelText(WithLastWeightChanged(first), "Models/first.onnx")).RunGenerators(compilation);

        var results = StepReasons.Outputs(driver, TrackingNames.Results).ToDictionary(o => ((GenerationResult)o.Value).HintName, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, results["Demo.First.g.cs"]);
        Assert.Equal(IncrementalStepRunReason.Cached, results["Demo.Second.g.cs"]);
    }

    private static AdditionalText ModelText(byte[] model, string path = TestSources.ModelPath) =>
        GeneratorHarness.ModelText(Convert.ToBase64String(model), path);

    /// <summary>The model with the lowest mantissa bit of the MLP's last bias flipped: still a valid model, one byte different.</summary>
    private static byte[] WithLastWeightChanged(byte[] model)
    {
        var changed = (byte[])model.Clone();
        var weight = BitConverter.GetBytes(TestModels.MlpB2[^1]);
        var at = changed.AsSpan().LastIndexOf(weight);
        Assert.True(at >= 0, "the weight's bytes are in the model");
        changed[at] ^= 0x01;
        return changed;
    }

    /// <summary>Adds a file no model depends on and asserts the one model's result was served from the cache.</summary>
    private static GeneratorDriver AddUnrelatedFileExpectingCachedResult(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, "Unrelated.cs")));
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(StepReasons.Outputs(driver, TrackingNames.Results)).Reason);
        return driver;
    }
}
