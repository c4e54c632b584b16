using System;
using System.Linq;
using QuantizedModels.Generator.Quantization.Calibration;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

/// <summary>Calibration threads each fill a fork and merge it: the result must not depend on how samples were split or merged.</summary>
public class TensorStatisticsTests
{
    [Fact]
    public void Forks_merged_in_any_order_equal_one_accumulation()
    {
        var random = new Random(3);
        var samples = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, 50).Select(_ => (float)(random.NextDouble() * 20 - 5)).Append(float.NaN).ToArray()).ToArray();
        var whole = new TensorStatistics();
        foreach (var sample in samples) whole.AddRange(sample);
        foreach (var sample in samples) whole.AddHistogram(sample);

        foreach (var order in new[] { new[] { 0, 1, 2 }, new[] { 2, 0, 1 } })
        {
            var merged = new TensorStatistics();
            var ranges = Enumerable.Range(0, 3).Select(_ => merged.Fork()).ToArray();
            for (var i = 0; i < samples.Length; i++) ranges[i % 3].AddRange(samples[i]);
            foreach (var thread in order) merged.Merge(ranges[thread]);
            var histograms = Enumerable.Range(0, 3).Select(_ => merged.Fork()).ToArray();
            for (var i = 0; i < samples.Length; i++) histograms[i * 7 % 3].AddHistogram(samples[i]);
            foreach (var thread in order) merged.Merge(histograms[thread]);

            Assert.Equal((whole.Min, whole.Max), (merged.Min, merged.Max));
            Assert.Equal(whole.Values, merged.Values);
            Assert.Equal(whole.Magnitudes, merged.Magnitudes);
        }
    }
}
