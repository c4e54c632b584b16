using System;
using System.Linq;
using System.Threading;
using QuantizedModels.Generator.Diagnostics;
using QuantizedModels.Generator.Graph;
using QuantizedModels.Generator.Quantization.Calibration;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

/// <summary>The calibration loops over samples: results in sample order, a cancelled build stops, a model error stays itself.</summary>
public class SampleParallelismTests
{
    [Fact]
    public void Map_keeps_sample_order()
    {
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * i), SampleParallelism.Map(1000, CancellationToken.None, i => i * i));
    }

    [Fact]
    public void A_cancelled_build_stops_without_running_a_sample()
    {
        var ran = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => SampleParallelism.Accumulate(100, new CancellationToken(canceled: true), () => 0, (_, _) => Interlocked.Increment(ref ran), _ => { }));
        Assert.Equal(0, ran);
    }

    [Fact]
    public void A_model_error_in_a_sample_surfaces_as_itself()
    {
        var error = Assert.Throws<ModelException>(() => SampleParallelism.Map<int>(4, CancellationToken.None, i => i == 2 ? throw new ModelException("sample 2", DiagnosticIds.CalibrationData) : i));
        Assert.Equal("sample 2", error.Message);
    }
}
