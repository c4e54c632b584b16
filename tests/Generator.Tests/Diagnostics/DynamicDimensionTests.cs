using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class DynamicDimensionTests
{
    [Fact]
    public void A_symbolic_dimension_after_the_batch_is_QM0004()
    {
        var model = new OnnxModelBuilder().Input("x", 1, "width").Output("y", 1, "width").Node("Relu", new[] { "x" }, new[] { "y" }).ToBytes();
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model);

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0004").GetMessage();

        Assert.Contains("'width'", message);
    }

    [Fact]
    public void A_symbolic_batch_dimension_is_pinned_to_one()
    {
        var model = new OnnxModelBuilder().Input("x", "batch", 4).Output("y", "batch", 4).Node("Relu", new[] { "x" }, new[] { "y" }).ToBytes();

        var run = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model).Run();

        Assert.Empty(run.Problems);
        Assert.Contains("public const int InputLength = 4;", run.SingleSource);
        Assert.Contains("InputShape => new int[] { 1, 4 };", run.SingleSource);
    }
}
