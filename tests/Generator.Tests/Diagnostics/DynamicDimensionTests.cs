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

    [Fact]
    public void FreeDimensions_gives_named_symbolic_dimensions_their_sizes()
    {
        var model = new OnnxModelBuilder().Input("x", "rows", "width").Output("y", "rows", "width").Node("Relu", new[] { "x" }, new[] { "y" }).ToBytes();

        var run = new GeneratorHarness().WithSource(TestSources.ModelClass("\"" + TestSources.ModelPath + "\", FreeDimensions = \" rows = 3,width=5 \"")).WithModel(model).Run();

        Assert.Empty(run.Problems);
        Assert.Contains("InputShape => new int[] { 3, 5 };", run.SingleSource);
    }

    [Theory]
    [InlineData("width=0", "'width=0' is not name=size")]
    [InlineData("width", "'width' is not name=size")]
    [InlineData("=4", "'=4' is not name=size")]
    [InlineData("width=4, width=5", "'width' twice")]
    [InlineData("width=4, height=2", "names 'height', which no graph input has as a symbolic dimension; the inputs declare 'width'")]
    public void A_FreeDimensions_entry_that_is_malformed_or_names_no_input_dimension_is_QM0004(string overrides, string expected)
    {
        var model = new OnnxModelBuilder().Input("x", 1, "width").Output("y", 1, "width").Node("Relu", new[] { "x" }, new[] { "y" }).ToBytes();
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", FreeDimensions = \"{overrides}\"")).WithModel(model);

        var message = DiagnosticAssert.SingleOnAttribute(harness, "QM0004").GetMessage();

        Assert.Contains(expected, message);
    }
}
