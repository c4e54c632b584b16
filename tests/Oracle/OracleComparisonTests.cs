using System;
using System.Linq;
using QuantizedModels.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace QuantizedModels.Oracle;

/// <summary>
/// Generated code against ONNX Runtime on 50 seeded random inputs per model. Tolerance: |e−a| ≤ 1e-4 + 1e-3·|e|,
/// ORT's backend rule with the absolute term raised tenfold because errors accumulate over a deep model's layers
/// and the two sides sum in different orders.
/// </summary>
public sealed class OracleComparisonTests(ITestOutputHelper output)
{
    private const int InputsPerModel = 50;

    private static readonly FloatTolerance Tolerance = new(1e-4, 1e-3);

    public static TheoryData<string> Models => new(
        "mlp.onnx",
        "batchnorm_cnn.onnx",
        "depthwise_separable_cnn.onnx",
        "kws_ref_model_float.onnx",
        "ort_cnn_mnist_pytorch.onnx",
        "ort_conv_autopad.onnx",
        "ort_conv_default_attrs.onnx",
        "ort_mobilenet_v3_small_excerpt.onnx",
        "ort_nhwc_conv_clip_relu.onnx");

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_model_matches_onnx_runtime(string model)
    {
        using var compiled = OracleModel.Compile(model);
        using var reference = new OnnxRuntimeReference(OracleModel.PathOf(model));
        var random = new Random(model.Length * 7919);
        var maxError = 0.0;
        var actual = new float[compiled.OutputLength];
        for (var sample = 0; sample < InputsPerModel; sample++)
        {
            var input = RandomInput(random, compiled.InputLength);
            compiled.Predict(input, actual);
            var expected = reference.Run([input]);
            maxError = Math.Max(maxError, FloatTolerance.MaxAbsoluteError(expected, actual));
            var mismatch = Tolerance.Compare(expected, actual);
            Assert.True(mismatch is null, $"{model}, input {sample}: {mismatch}");
        }

        output.WriteLine($"{model}: {InputsPerModel} inputs, max |ORT − generated| = {maxError:E2}");
    }

    /// <summary>Uniform in [-2, 2): covers both signs and values past ReLU6's and the sigmoids' knees.</summary>
    private static float[] RandomInput(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
}
