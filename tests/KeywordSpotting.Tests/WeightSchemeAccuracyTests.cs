using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace KeywordSpotting.Tests;

/// <summary>
/// The float DS-CNN compiled with float16 and with int8 weight-only storage, on our MFCCs of the 300 committed clips,
/// against the float model's 291/300 on the same features (OracleAccuracyTests).
/// </summary>
public sealed class WeightSchemeAccuracyTests(ITestOutputHelper output)
{
    private const int FloatMeasuredCorrect = 291;

    [Fact]
    public void Float16_weights_classify_like_the_float_model()
    {
        var matrix = SubsetEvaluation.Evaluate(new DsCnnFloat16Model(), _ => true);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"float16 weights: {matrix.Correct}/{matrix.Total} (float {FloatMeasuredCorrect}/300); WeightBytes {DsCnnFloat16Model.WeightBytes}, ArenaBytes {DsCnnFloat16Model.ArenaBytes}"));
        Assert.Equal(300, matrix.Total);
        Assert.InRange(matrix.Correct, FloatMeasuredCorrect - 1, FloatMeasuredCorrect + 1);
    }

    [Fact]
    public void Int8_weight_only_is_within_one_point_of_the_float_model()
    {
        var matrix = SubsetEvaluation.Evaluate(new DsCnnInt8WeightOnlyModel(), _ => true);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"int8 weight-only: {matrix.Correct}/{matrix.Total} (float {FloatMeasuredCorrect}/300); WeightBytes {DsCnnInt8WeightOnlyModel.WeightBytes}, ArenaBytes {DsCnnInt8WeightOnlyModel.ArenaBytes}"));
        Assert.Equal(300, matrix.Total);
        Assert.True(matrix.Correct >= FloatMeasuredCorrect - 3, $"{matrix.Correct}/300, more than one point below the float model's {FloatMeasuredCorrect}");
    }
}
