using System;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

public class InvalidModelTests
{
    [Fact]
    public void Random_bytes_are_QM0002()
    {
        var bytes = new byte[256];
        new Random(1234).NextBytes(bytes);

        DiagnosticAssert.SingleOnAttribute(Harness(bytes), "QM0002");
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void A_truncated_model_is_QM0002(double keptFraction)
    {
        var model = TestModels.Cnn();

        DiagnosticAssert.SingleOnAttribute(Harness(model.AsSpan(0, (int)(model.Length * keptFraction)).ToArray()), "QM0002");
    }

    [Fact]
    public void Text_that_is_not_base64_is_QM0002()
    {
        var harness = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModelText("not base64 at all!");

        DiagnosticAssert.SingleOnAttribute(harness, "QM0002");
    }

    private static GeneratorHarness Harness(byte[] model) => new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(model);
}
