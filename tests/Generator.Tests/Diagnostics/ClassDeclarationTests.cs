using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class ClassDeclarationTests
{
    [Fact]
    public void A_class_that_is_not_partial_is_QM0005()
    {
        DiagnosticAssert.SingleOnAttribute(Harness("""
            [QuantizedModels.QuantizedModel("Models/net.onnx")]
            public class Net
            {
            }
            """), "QM0005");
    }

    [Fact]
    public void A_partial_class_in_a_class_that_is_not_partial_is_QM0005()
    {
        var message = DiagnosticAssert.SingleOnAttribute(Harness("""
            public class Host
            {
                [QuantizedModels.QuantizedModel("Models/net.onnx")]
                public partial class Net
                {
                }
            }
            """), "QM0005").GetMessage();

        Assert.Contains("'Host'", message);
    }

    [Fact]
    public void A_generic_class_is_QM0006()
    {
        DiagnosticAssert.SingleOnAttribute(Harness("""
            [QuantizedModels.QuantizedModel("Models/net.onnx")]
            public partial class Net<T>
            {
            }
            """), "QM0006");
    }

    [Fact]
    public void A_class_nested_in_a_generic_class_is_QM0006()
    {
        DiagnosticAssert.SingleOnAttribute(Harness("""
            public partial class Host<T>
            {
                [QuantizedModels.QuantizedModel("Models/net.onnx")]
                public partial class Net
                {
                }
            }
            """), "QM0006");
    }

    private static GeneratorHarness Harness(string source) => new GeneratorHarness().WithSource(source).WithModel(TestModels.SingleRelu());
}
