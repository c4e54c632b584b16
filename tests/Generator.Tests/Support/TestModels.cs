namespace QuantizedModels.Generator.Tests.Support;

/// <summary>Small models with hand-picked weights, shared by snapshot, execution and diagnostic tests.</summary>
internal static class TestModels
{
    public static readonly float[] MlpW1 = { 0.5f, -1f, 0.25f, 1f, 0.5f, -0.5f, -0.75f, 0.25f, 1f, 0.125f, 2f, -1.5f };
    public static readonly float[] MlpB1 = { 0.1f, -0.2f, 0.3f, 0f };
    public static readonly float[] MlpW2 = { 1f, -0.5f, 0.25f, 2f, -1f, 0.75f, 0.5f, -0.25f };
    public static readonly float[] MlpB2 = { 0.05f, -0.05f };

    /// <summary>x[1,3] → Gemm(4, transB) → Relu → Gemm(2, transB) → Softmax → y[1,2].</summary>
    public static byte[] Mlp() => new OnnxModelBuilder("mlp")
        .Input("x", 1, 3)
        .Output("y", 1, 2)
        .Floats("w1", new long[] { 4, 3 }, MlpW1)
        .Floats("b1", new long[] { 4 }, MlpB1)
        .Floats("w2", new long[] { 2, 4 }, MlpW2)
        .Floats("b2", new long[] { 2 }, MlpB2)
        .Node("Gemm", new[] { "x", "w1", "b1" }, new[] { "h" }, OnnxAttribute.Int("transB", 1))
        .Node("Relu", new[] { "h" }, new[] { "a" })
        .Node("Gemm", new[] { "a", "w2", "b2" }, new[] { "logits" }, OnnxAttribute.Int("transB", 1))
        .Node("Softmax", new[] { "logits" }, new[] { "y" }, OnnxAttribute.Int("axis", -1))
        .ToBytes();

    /// <summary>x[1,1,4,4] → Conv 3x3 pad 1 → BatchNorm → Relu → MaxPool 2x2 → Flatten → Gemm(3) → y[1,3].</summary>
    public static byte[] Cnn() => new OnnxModelBuilder("cnn")
        .Input("x", 1, 1, 4, 4)
        .Output("y", 1, 3)
        .Floats("conv_w", new long[] { 2, 1, 3, 3 }, 0.1f, 0.2f, 0.1f, 0f, -0.5f, 0f, 0.1f, 0.2f, 0.1f, -0.25f, 0f, 0.25f, -0.5f, 0f, 0.5f, -0.25f, 0f, 0.25f)
        .Floats("conv_b", new long[] { 2 }, 0.01f, -0.02f)
        .Floats("bn_gamma", new long[] { 2 }, 1.5f, 0.5f)
        .Floats("bn_beta", new long[] { 2 }, 0.1f, -0.1f)
        .Floats("bn_mean", new long[] { 2 }, 0.2f, -0.3f)
        .Floats("bn_var", new long[] { 2 }, 0.25f, 4f)
        .Floats("fc_w", new long[] { 3, 8 }, 0.5f, -0.5f, 0.25f, -0.25f, 1f, -1f, 0.125f, -0.125f, 0f, 0.5f, 0f, 0.5f, 0f, 0.5f, 0f, 0.5f, -1f, 1f, -1f, 1f, 0.75f, 0.75f, -0.75f, -0.75f)
        .Floats("fc_b", new long[] { 3 }, 0f, 0.5f, -0.5f)
        .Node("Conv", new[] { "x", "conv_w", "conv_b" }, new[] { "conv" }, OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("pads", 1, 1, 1, 1))
        .Node("BatchNormalization", new[] { "conv", "bn_gamma", "bn_beta", "bn_mean", "bn_var" }, new[] { "bn" })
        .Node("Relu", new[] { "bn" }, new[] { "act" })
        .Node("MaxPool", new[] { "act" }, new[] { "pool" }, OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2))
        .Node("Flatten", new[] { "pool" }, new[] { "flat" }, OnnxAttribute.Int("axis", 1))
        .Node("Gemm", new[] { "flat", "fc_w", "fc_b" }, new[] { "y" }, OnnxAttribute.Int("transB", 1))
        .ToBytes();

    /// <summary>Inputs a[1,2] and b[1,2]; outputs sum = a + b and product = a * b.</summary>
    public static byte[] TwoInTwoOut() => new OnnxModelBuilder("pairs")
        .Input("a", 1, 2)
        .Input("b", 1, 2)
        .Output("sum", 1, 2)
        .Output("product", 1, 2)
        .Node("Add", new[] { "a", "b" }, new[] { "sum" })
        .Node("Mul", new[] { "a", "b" }, new[] { "product" })
        .ToBytes();

    /// <summary>x[1,4] → Relu → y[1,4]: the smallest model, for tests about the class around it.</summary>
    public static byte[] SingleRelu() => new OnnxModelBuilder("relu")
        .Input("x", 1, 4)
        .Output("y", 1, 4)
        .Node("Relu", new[] { "x" }, new[] { "y" })
        .ToBytes();
}
