using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class ModelNotFoundTests
{
    [Fact]
    public void No_model_files_at_all_is_QM0001()
    {
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass());

        var diagnostic = DiagnosticAssert.SingleOnAttribute(harness, "QM0001");

        Assert.Contains("Models/net.onnx", diagnostic.GetMessage());
    }

    [Fact]
    public void A_model_at_another_path_is_QM0001()
    {
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(TestModels.SingleRelu(), "Models/other.onnx");

        DiagnosticAssert.SingleOnAttribute(harness, "QM0001");
    }

    [Fact]
    public void An_empty_path_is_QM0001_saying_no_file_is_named()
    {
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass("\"\"")).WithModel(TestModels.SingleRelu());

        var diagnostic = DiagnosticAssert.SingleOnAttribute(harness, "QM0001");

        Assert.Contains("names no file", diagnostic.GetMessage());
    }
}
