using System;
using System.Linq;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>Small float32 TFLite models covering the operators a float model is translated through, weights drawn from a seeded random.</summary>
public static class FloatModels
{
    /// <summary>
    /// [1, 9, 9, 3] image → CONV_2D 3x3 SAME + RELU6 → DEPTHWISE_CONV_2D 3x3 stride 2 (multiplier 2) + RELU → MAX_POOL_2D
    /// 2x2 stride 2 SAME → AVERAGE_POOL_2D 3x3 SAME (padding excluded from the mean) → RESHAPE [1, 72] → FULLY_CONNECTED
    /// + RELU → FULLY_CONNECTED → SOFTMAX: [1, 5].
    /// </summary>
    public static byte[] Classifier(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.FloatActivation([1, 9, 9, 3]);
        var conv = model.FloatActivation([1, 9, 9, 4]);
        model.Operator("CONV_2D", TfliteOptions.Conv2D(Padding.Same, (1, 1), (1, 1), Activation.Relu6), [x, Weights(model, random, [4, 3, 3, 3]), Weights(model, random, [4])], [conv]);
        var depthwise = model.FloatActivation([1, 5, 5, 8]);
        model.Operator("DEPTHWISE_CONV_2D", TfliteOptions.DepthwiseConv2D(Padding.Same, (2, 2), (1, 1), 2, Activation.Relu), [conv, Weights(model, random, [1, 3, 3, 8]), Weights(model, random, [8])], [depthwise]);
        var maxPool = model.FloatActivation([1, 3, 3, 8]);
        model.Operator("MAX_POOL_2D", TfliteOptions.Pool2D(Padding.Same, (2, 2), (2, 2), Activation.None), [depthwise], [maxPool]);
        var averagePool = model.FloatActivation([1, 3, 3, 8]);
        model.Operator("AVERAGE_POOL_2D", TfliteOptions.Pool2D(Padding.Same, (1, 1), (3, 3), Activation.None), [maxPool], [averagePool]);
        var flat = model.FloatActivation([1, 72]);
        model.Operator("RESHAPE", TfliteOptions.Reshape([1, 72]), [averagePool, model.Int32Constant([1, 72])], [flat]);
        var hidden = model.FloatActivation([1, 10]);
        model.Operator("FULLY_CONNECTED", TfliteOptions.FullyConnected(Activation.Relu), [flat, Weights(model, random, [10, 72]), Weights(model, random, [10])], [hidden]);
        var logits = model.FloatActivation([1, 5]);
        model.Operator("FULLY_CONNECTED", TfliteOptions.FullyConnected(Activation.None), [hidden, Weights(model, random, [5, 10]), Weights(model, random, [5])], [logits]);
        var probabilities = model.FloatActivation([1, 5]);
        return model.Operator("SOFTMAX", TfliteOptions.Softmax(1f), [logits], [probabilities]).Build(x, probabilities);
    }

    /// <summary>
    /// [1, 4, 4, 6] → CONV_2D 1x1 VALID → ADD (the input) + RELU → MUL by a per-channel constant → LOGISTIC, concatenated
    /// on channels with TANH(input): a rank-4 output [1, 4, 4, 12], laid out NHWC as TFLite gives it.
    /// </summary>
    public static byte[] Elementwise(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.FloatActivation([1, 4, 4, 6]);
        var conv = model.FloatActivation([1, 4, 4, 6]);
        model.Operator("CONV_2D", TfliteOptions.Conv2D(Padding.Valid, (1, 1), (1, 1), Activation.None), [x, Weights(model, random, [6, 1, 1, 6]), Weights(model, random, [6])], [conv]);
        var sum = model.FloatActivation([1, 4, 4, 6]);
        model.Operator("ADD", TfliteOptions.Elementwise("ADD", Activation.Relu), [conv, x], [sum]);
        var product = model.FloatActivation([1, 4, 4, 6]);
        model.Operator("MUL", TfliteOptions.Elementwise("MUL", Activation.None), [sum, Weights(model, random, [6])], [product]);
        var logistic = model.FloatActivation([1, 4, 4, 6]);
        model.Operator("LOGISTIC", null, [product], [logistic]);
        var tanh = model.FloatActivation([1, 4, 4, 6]);
        model.Operator("TANH", null, [x], [tanh]);
        var y = model.FloatActivation([1, 4, 4, 12]);
        return model.Operator("CONCATENATION", TfliteOptions.Concatenation(3), [logistic, tanh], [y]).Build(x, y);
    }

    /// <summary>
    /// [1, 5, 5, 3] → PAD (1 above, 2 below, 2 left, 1 right) → CONV_2D 3x3 VALID + RELU_N1_TO_1 → MEAN over height and
    /// width (no keep_dims) → FULLY_CONNECTED: [1, 4].
    /// </summary>
    public static byte[] PaddedMean(Random random)
    {
        var model = new TfliteModelBuilder();
        var x = model.FloatActivation([1, 5, 5, 3]);
        var padded = model.FloatActivation([1, 8, 8, 3]);
        model.Operator("PAD", null, [x, model.Int32Constant([0, 0, 1, 2, 2, 1, 0, 0], [4, 2])], [padded]);
        var conv = model.FloatActivation([1, 6, 6, 6]);
        model.Operator("CONV_2D", TfliteOptions.Conv2D(Padding.Valid, (1, 1), (1, 1), Activation.ReluN1To1), [padded, Weights(model, random, [6, 3, 3, 3]), Weights(model, random, [6])], [conv]);
        var mean = model.FloatActivation([1, 6]);
        model.Operator("MEAN", TfliteOptions.Reducer(keepDims: false), [conv, model.Int32Constant([1, 2])], [mean]);
        var y = model.FloatActivation([1, 4]);
        return model.Operator("FULLY_CONNECTED", TfliteOptions.FullyConnected(Activation.None), [mean, Weights(model, random, [4, 6]), Weights(model, random, [4])], [y]).Build(x, y);
    }

    /// <summary>A MEAN over channels, which float models do not translate: the compile fails with a diagnostic.</summary>
    public static byte[] ChannelMean()
    {
        var model = new TfliteModelBuilder();
        var x = model.FloatActivation([1, 2, 2, 3]);
        var y = model.FloatActivation([1, 2, 2, 1]);
        return model.Operator("MEAN", TfliteOptions.Reducer(keepDims: true), [x, model.Int32Constant([3])], [y]).Build(x, y);
    }

    private static int Weights(TfliteModelBuilder model, Random random, int[] shape) =>
        model.FloatConstant(shape, Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
}
