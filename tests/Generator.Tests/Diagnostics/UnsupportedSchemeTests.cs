using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class UnsupportedSchemeTests
{
    [Theory]
    [InlineData("Int8")]
    [InlineData("Int8WeightOnly")]
    [InlineData("Float16")]
    public void A_scheme_other_than_float32_is_QM0008(string scheme)
    {
        var harness = new GeneratorHarness()
            .WithSource(TestSources.ModelClass($"\"{TestSources.ModelPath}\", Scheme = QuantizationScheme.{scheme}"))
            .WithModel(TestModels.SingleRelu());

        DiagnosticAssert.SingleOnAttribute(harness, "QM0008");
    }
}
