using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class UnsupportedModelTests
{
    [Fact]
    public void Conv_with_weights_given_at_run_time_is_QM0009()
    {
        var model = new OnnxModelBuilder()
            .Input("x", 1, 1, 4, 4)
            .Input("w", 2, 1, 3, 3)
            .Output("y", 1, 2, 2, 2)
            .Node("Conv", new[] { "x", "w" }, new[] { "y" }, OnnxAttribute.Ints("kernel_shape", 3, 3))
            .ToBytes();
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model);

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0009").GetMessage();

        Assert.Contains("weights must be constants", message);
    }

    [Fact]
    public void A_run_time_tensor_over_one_gibibyte_is_QM0009()
    {
        var model = new OnnxModelBuilder().Input("x", 1, 600_000_000L).Output("y", 1, 600_000_000L).Node("Relu", new[] { "x" }, new[] { "y" }).ToBytes();
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model);

        Assert.Contains("more than the 1 GiB", DiagnosticAssert.SingleOnAttribute(harness, "QM0009").GetMessage());
    }

    [Fact]
    public void Dimensions_whose_product_overflows_are_QM0002()
    {
        var model = new OnnxModelBuilder().Input("x", 1, 4_000_000_000L, 4_000_000_000L, 4_000_000_000L).Output("y", 1, 4_000_000_000L, 4_000_000_000L, 4_000_000_000L).Node("Relu", new[] { "x" }, new[] { "y" }).ToBytes();
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model);

        Assert.Contains("overflow", DiagnosticAssert.SingleOnAttribute(harness, "QM0002").GetMessage());
    }
}
