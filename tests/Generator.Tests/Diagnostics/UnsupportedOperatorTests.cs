using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class UnsupportedOperatorTests
{
    [Fact]
    public void Every_unsupported_node_is_named_in_one_QM0003()
    {
        var model = new OnnxModelBuilder()
            .Opset("com.microsoft", 1)
            .Input("x", 1, 2, 4)
            .Output("y", 1, 2, 4)
            .Floats("w", new long[] { 1, 16, 4 }, new float[64])
            .Floats("r", new long[] { 1, 16, 4 }, new float[64])
            .Node("LSTM", new[] { "x", "w", "r" }, new[] { "seq" }, OnnxAttribute.Int("hidden_size", 4))
            .DomainNode("com.microsoft", "FastGelu", new[] { "x" }, new[] { "gelu" })
            .Node("Add", new[] { "gelu", "x" }, new[] { "y" })
            .ToBytes();
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model);

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0003").GetMessage();

        Assert.Contains("'lstm_1' (LSTM) (ai.onnx opset 13)", message);
        Assert.Contains("'fastgelu_2' (FastGelu) (com.microsoft opset 1)", message);
    }
}
