using KeywordSpotting.Features;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class DsCnnInputsTests
{
    [Theory]
    [InlineData(0f, 83)]
    [InlineData(0.5847029089927673f * 10.2f, 93)]
    [InlineData(0.5847029089927673f * 10.9f, 93)]            // truncates, does not round
    [InlineData(-0.5847029089927673f * 85.5f, -2)]           // truncates toward zero: -2.5 -> -2
    [InlineData(1000f, 127)]
    [InlineData(-1000f, -128)]
    public void Quantizes_as_the_training_pipeline(float feature, sbyte expected)
    {
        var quantized = new sbyte[1];

        DsCnnInputs.QuantizeForInt8Model([feature], quantized);

        Assert.Equal(expected, quantized[0]);
    }

    [Fact]
    public void Both_model_layouts_hold_49_by_10_features()
    {
        Assert.Equal([1, 1, 49, 10], DsCnnInputs.FloatModelShape.ToArray());
        Assert.Equal([1, 49, 10, 1], DsCnnInputs.Int8ModelShape.ToArray());
    }
}
