using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Oracle.Crafting;
using QuantizedModels.Oracle.Interpreter;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Float32 TFLite models, translated to the float graph the ONNX path compiles, against the real TensorFlow Lite
/// interpreter on the same random inputs: float outputs within float rounding of the interpreter's; int8 builds
/// within what quantization costs.
/// </summary>
public class FloatTfliteOracleTests(ITestOutputHelper output)
{
    private const string ModelPath = "Models/float.tflite";
    private const int Inputs = 40;

    /// <summary>Both sides sum the same products in different orders (and the exp/tanh differ in the last bits).</summary>
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Models => new(Recipes.Keys);

    private static readonly Dictionary<string, Func<Random, byte[]>> Recipes = new()
    {
        ["classifier"] = FloatModels.Classifier,
        ["elementwise"] = FloatModels.Elementwise,
        ["padded mean"] = FloatModels.PaddedMean,
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Float_model_matches_the_interpreter(string name)
    {
        var bytes = Recipes[name](new Random(7));
        using var interpreter = new TfliteInterpreter(bytes);
        using var compiled = Compile(bytes, scheme: null).Load(OracleModel.ClassName);
        Assert.Equal((interpreter.InputLength, interpreter.OutputLength), (compiled.InputLength, compiled.OutputLength));

        var random = new Random(11);
        var expected = new float[interpreter.OutputLength];
        var actual = new float[compiled.OutputLength];
        double largest = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = RandomInputs(random, interpreter.InputLength);
            interpreter.Invoke<float, float>(input, expected);
            compiled.Predict(input, actual);
            largest = Math.Max(largest, expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max());
        }

        output.WriteLine($"{name}: {Inputs} inputs x {expected.Length} outputs, largest difference from TFLite {largest:E2}");
        Assert.True(largest <= Tolerance, $"largest difference {largest} exceeds {Tolerance}");
    }

    /// <summary>
    /// Models whose operators all have an int8 form, quantized at build time (min-max on 64 samples), against the
    /// interpreter's float outputs on fresh inputs: top-1 agreement and the largest difference (relative to the largest
    /// output) are what int8 costs.
    /// </summary>
    [Theory]
    [InlineData("classifier")]
    [InlineData("padded mean")]
    public void Float_model_quantized_to_int8_agrees_with_the_interpreters_float_outputs(string name)
    {
        var bytes = Recipes[name](new Random(7));
        using var interpreter = new TfliteInterpreter(bytes);
        const int samples = 64;
        var calibration = RandomInputs(new Random(5), samples * interpreter.InputLength);
        var run = GeneratorHarness.Run(
            new Dictionary<string, byte[]> { [ModelPath] = bytes, ["Models/calibration.npy"] = NpyWriter.Write(calibration, samples, interpreter.InputLength) },
            $"[QuantizedModels.QuantizedModel(\"{ModelPath}\", Scheme = QuantizedModels.QuantizationScheme.Int8, CalibrationData = \"Models/calibration.npy\")] public partial class {OracleModel.ClassName};");
        using var compiled = run.Load(OracleModel.ClassName);

        var random = new Random(11);
        var expected = new float[interpreter.OutputLength];
        var actual = new float[compiled.OutputLength];
        int agreeing = 0;
        double largest = 0, largestOutput = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = RandomInputs(random, interpreter.InputLength);
            interpreter.Invoke<float, float>(input, expected);
            compiled.Predict(input, actual);
            if (Array.IndexOf(expected, expected.Max()) == Array.IndexOf(actual, actual.Max())) agreeing++;
            largest = Math.Max(largest, expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max());
            largestOutput = Math.Max(largestOutput, expected.Max(e => Math.Abs((double)e)));
        }

        output.WriteLine($"int8 {name}: top-1 agreement with TFLite float {agreeing}/{Inputs}, largest difference {largest:F4} (largest output {largestOutput:F4})");
        Assert.True(agreeing >= Inputs * 9 / 10, $"top-1 agreement {agreeing}/{Inputs}");
        Assert.True(largest < 0.1 * largestOutput, $"largest difference {largest}");
    }

    [Fact]
    public void Float_model_in_another_scheme_is_refused()
    {
        var error = Compile(FloatModels.Classifier(new Random(7)), "QuantizedModels.QuantizationScheme.Float16").FirstGeneratorError;
        Assert.Equal("QM0008", error?.Id);
    }

    [Fact]
    public void Float_operator_without_a_translation_is_a_diagnostic()
    {
        var error = Compile(FloatModels.ChannelMean(), scheme: null).FirstGeneratorError;
        Assert.Equal("QM0003", error?.Id);
        Assert.Contains("MEAN over axes [3]", error!.GetMessage());
    }

    private static float[] RandomInputs(Random random, int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();

    private static GeneratorRun Compile(byte[] model, string? scheme) => GeneratorHarness.Run(
        new Dictionary<string, byte[]> { [ModelPath] = model },
        $"[QuantizedModels.QuantizedModel(\"{ModelPath}\"{(scheme is null ? "" : ", Scheme = " + scheme)})] public partial class {OracleModel.ClassName};");
}
