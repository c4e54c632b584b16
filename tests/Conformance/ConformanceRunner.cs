using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QuantizedModels.TestSupport;

namespace QuantizedModels.Conformance;

/// <summary>Verdict on one backend test: null <see cref="Failure"/> means it passed.</summary>
public sealed record ConformanceOutcome(string? Failure)
{
    public bool Passed => Failure is null;
}

/// <summary>
/// Compiles a baked backend test through the real generator, runs it on the test's inputs and compares every
/// output with ONNX Runtime's rule. Results are cached so the per-test theory and the summary share one run.
/// </summary>
public static class ConformanceRunner
{
    private const string ClassName = "ConformanceModel";

    private const string UserSource = $"[QuantizedModels.QuantizedModel(\"Models/model.onnx\")] public partial class {ClassName};";

    /// <summary>Written into outputs before the call, so an element the model never writes fails the comparison.</summary>
    private const float Unwritten = -7777.25f;

    private static readonly ConcurrentDictionary<string, Lazy<ConformanceOutcome>> Results = new();

    public static ConformanceOutcome Run(ConformanceCase test) =>
        Results.GetOrAdd(test.Id, _ => new Lazy<ConformanceOutcome>(() => Execute(test))).Value;

    private static ConformanceOutcome Execute(ConformanceCase test)
    {
        var folder = Path.Combine(ConformanceManifest.DataDirectory, test.Suite, test.Test);
        if (!test.HasData) return new ConformanceOutcome("the test's data was not copied (see data/MANIFEST.tsv)");
        try
        {
            var inputs = ReadNumbered(folder, "input_");
            var expected = ReadNumbered(folder, "output_");
            var run = GeneratorHarness.Run(new Dictionary<string, byte[]> { ["Models/model.onnx"] = File.ReadAllBytes(Path.Combine(folder, "model.onnx")) }, UserSource);
            using var model = run.Load(ClassName);
            return new ConformanceOutcome(Check(model, inputs, expected));
        }
        catch (Exception e)
        {
            return new ConformanceOutcome(e.GetType().Name + ": " + e.Message);
        }
    }

    private static string? Check(CompiledModel model, OnnxTensor[] inputs, OnnxTensor[] expected)
    {
        var unsupported = inputs.Concat(expected).FirstOrDefault(t => !(t.IsFloat32 || t.IsInteger));
        if (unsupported is not null) return $"test data holds {unsupported.ElementType} tensors; only float32, int8, uint8 and int32 are supported";
        if (model.InputCount != inputs.Length || model.OutputCount != expected.Length)
            return $"generated Predict takes {model.InputCount} input(s) and {model.OutputCount} output(s); the test has {inputs.Length} and {expected.Length}";
        if (!model.InputShape.SequenceEqual(inputs[0].Dims.Select(d => (int)d)))
            return $"InputShape [{string.Join(",", model.InputShape)}], test input 0 is [{string.Join(",", inputs[0].Dims)}]";
        if (!model.OutputShape.SequenceEqual(expected[0].Dims.Select(d => (int)d)))
            return $"OutputShape [{string.Join(",", model.OutputShape)}], expected output 0 is [{string.Join(",", expected[0].Dims)}]";
        if (model.InputLength != inputs.Sum(t => t.Values.Length) || model.OutputLength != expected.Sum(t => t.Values.Length))
            return $"InputLength {model.InputLength} / OutputLength {model.OutputLength} differ from the test's element counts";

        // A model with integer inputs or outputs has only the typed Predict (one span per tensor).
        var separate = expected.Select(t => Filled(t.Values.Length)).ToArray();
        model.Predict(inputs.Select(t => t.Values).ToArray(), separate);
        var concatenated = separate.SelectMany(t => t).ToArray();
        if (model.HasFloatPredict) model.Predict(inputs.SelectMany(t => t.Values).ToArray(), concatenated);

        var offset = 0;
        for (var k = 0; k < expected.Length; k++)
        {
            var actual = concatenated.AsSpan(offset, expected[k].Values.Length);
            offset += expected[k].Values.Length;
            // Integer outputs are ONNX Runtime's integers: equal, not within a float tolerance.
            if (expected[k].IsInteger && !actual.SequenceEqual(expected[k].Values)) return $"output {k}: {expected[k].ElementType} values differ from the expected ones";
            if (FloatTolerance.Onnx.Compare(expected[k].Values, actual) is { } mismatch) return $"output {k}: {mismatch}";
            if (!actual.SequenceEqual(separate[k])) return $"output {k}: the per-tensor Predict overload disagrees with the concatenated one";
        }

        return null;
    }

    private static float[] Filled(int length) => Enumerable.Repeat(Unwritten, length).ToArray();

    private static OnnxTensor[] ReadNumbered(string folder, string prefix) =>
        Enumerable.Range(0, int.MaxValue)
            .Select(k => Path.Combine(folder, $"{prefix}{k}.pb"))
            .TakeWhile(File.Exists)
            .Select(OnnxTensor.Read)
            .ToArray();
}
