using System;
using System.Linq;
using QuantizedModels.Generator.Quantization.Calibration;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

public class RangeEstimatorTests
{
    [Fact]
    public void MinMax_is_the_range_seen()
    {
        var s = Statistics(new[] { -3f, 0.5f, 7f });

        Assert.Equal((-3f, 7f), RangeEstimator.Estimate(s, RangeEstimator.MinMax, 99.99));
    }

    [Theory]
    [InlineData(RangeEstimator.Percentile)]
    [InlineData(RangeEstimator.Entropy)]
    [InlineData(RangeEstimator.Mse)]
    public void Clipping_methods_keep_a_uniform_distribution_nearly_whole(int method)
    {
        var s = Statistics(Enumerable.Range(0, 100_000).Select(i => i / 100_000f).ToArray());

        var (low, high) = RangeEstimator.Estimate(s, method, 99.99);

        Assert.Equal(0f, low);
        Assert.InRange(high, 0.9f, 1f);
    }

    [Theory]
    [InlineData(RangeEstimator.Percentile)]
    [InlineData(RangeEstimator.Entropy)]
    public void Percentile_and_entropy_cut_a_rare_far_outlier(int method)
    {
        var (low, high) = RangeEstimator.Estimate(Statistics(NormalWithOutlier()), method, 99.99);

        Assert.InRange(high, 2.5f, 20f);
        Assert.InRange(low, -20f, -2.5f);
    }

    /// <summary>
    /// One value at 100 among 100,000 standard normals: clipping it to T costs (100 - T)^2 once, rounding costs
    /// (2T / 255)^2 / 12 per value, so the squared-error optimum sits near 66, far below the outlier but far above 4.
    /// </summary>
    [Fact]
    public void Mse_balances_clipping_an_outlier_against_coarser_steps()
    {
        var (low, high) = RangeEstimator.Estimate(Statistics(NormalWithOutlier()), RangeEstimator.Mse, 99.99);

        Assert.InRange(high, 55f, 75f);
        Assert.True(low > -6f);
    }

    private static float[] NormalWithOutlier()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 100_000).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToList();
        values.Add(100f);
        return values.ToArray();
    }

    private static TensorStatistics Statistics(float[] values)
    {
        var s = new TensorStatistics();
        s.AddRange(values);
        s.AddHistogram(values);
        return s;
    }
}
