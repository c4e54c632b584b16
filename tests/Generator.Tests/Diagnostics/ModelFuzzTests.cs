using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QuantizedModels.Generator.Pipeline;
using QuantizedModels.Generator.Tests.Reading;
using QuantizedModels.Generator.Tests.Reading.Tflite;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>
/// Mutates the real models in the repository thousands of times (seeded, so any failure reproduces from its seed)
/// and runs each through the whole model compiler: reading, passes, planning and emission. Every run must end
/// within a bound and give either source or a diagnostic that blames the model, never an escaped exception or
/// QM0007 (the generator admitting a bug). The generator's own wrapper is covered by <see cref="DamagedModelCorpusTests"/>.
/// </summary>
public class ModelFuzzTests(ITestOutputHelper output)
{
    private const int CasesPerModel = 3000;
    private static readonly TimeSpan PerCaseLimit = TimeSpan.FromSeconds(10);

    public static IEnumerable<object[]> Models => new[]
    {
        new object[] { "micro_speech.tflite", TfliteTestData.MicroSpeech },
        new object[] { "kws_ref_model.tflite", TfliteTestData.MlperfKws },
        new object[] { "kws_ref_model_float.onnx", "kws_ref_model_float.onnx" },
        new object[] { "cnn.onnx", "" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Mutated_models_always_end_in_source_or_a_diagnostic_about_the_model(string name, string file)
    {
        var original = name.EndsWith(".tflite", StringComparison.Ordinal) ? TfliteTestData.Read(file) : file.Length > 0 ? TestData.Read(file) : Support.TestModels.Cnn();
        var outcomes = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (var seed = 0; seed < CasesPerModel; seed++)
        {
            var mutated = ModelMutations.Apply(original, new Random(seed * 7919 + name.Length));
            var request = new ModelRequest("Demo", "Net", "public", default, "Models/" + name, null, new QuantizationOptions("", 0, 99.99), null, null);
            await CompileOne(new ModelJob(request, new ModelFile("Models/" + name, Convert.ToBase64String(mutated)), default), $"{name} seed {seed}", outcomes);
        }

        output.WriteLine($"{name}: {CasesPerModel} mutants in {clock.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
    }

    /// <summary>The same for calibration data: a damaged .npy file ends in source or a diagnostic, never a crash.</summary>
    [Fact]
    public async Task Mutated_calibration_files_always_end_in_source_or_a_diagnostic()
    {
        var random = new Random(11);
        var data = Enumerable.Range(0, 150).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray();
        var original = TestSupport.NpyWriter.Write(data, 50, 3);
        var model = new ModelFile("Models/net.onnx", Convert.ToBase64String(Support.TestModels.Mlp()));
        var request = new ModelRequest("Demo", "Net", "public", default, "Models/net.onnx", 1, new QuantizationOptions("Models/calibration.npy", 2, 99.99), null, null);
        var outcomes = new Dictionary<string, int>();
        for (var seed = 0; seed < 1000; seed++)
        {
            var calibration = new ModelFile("Models/calibration.npy", Convert.ToBase64String(ModelMutations.Apply(original, new Random(seed))));
            await CompileOne(new ModelJob(request, model, default, calibration), $"calibration seed {seed}", outcomes);
        }

        output.WriteLine("calibration.npy: 1000 mutants: " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
    }

    /// <summary>Compiles one mutant within the time bound, requires source or a diagnostic blaming the input, and counts the outcome.</summary>
    private static async Task CompileOne(ModelJob job, string label, Dictionary<string, int> outcomes)
    {
        var compile = Task.Run(() => ModelCompiler.Compile(job, CancellationToken.None));
        var finished = await Task.WhenAny(compile, Task.Delay(PerCaseLimit));
        Assert.True(finished == compile, $"{label}: compiling did not end within {PerCaseLimit.TotalSeconds} s");

        var result = await compile;
        var ids = result.Diagnostics.Select(d => d.Id).ToList();
        Assert.True(result.Source is not null || ids.Count > 0, $"{label}: neither source nor a diagnostic");
        Assert.False(ids.Contains("QM0007"), $"{label}: " + string.Join("; ", result.Diagnostics.SelectMany(d => d.Arguments)));
        var outcome = ids.Count == 0 ? "compiled" : string.Join("+", ids);
        outcomes[outcome] = outcomes.TryGetValue(outcome, out var n) ? n + 1 : 1;
    }
}
