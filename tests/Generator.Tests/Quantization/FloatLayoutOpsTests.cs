using QuantizedModels.Generator.Quantization.Calibration;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

public class FloatLayoutOpsTests
{
    /// <summary>Element (n, h, w, c) of a [1, 2, 3, 2] tensor holds its own index hwc; NCHW puts (c, h, w) first.</summary>
    [Fact]
    public void Transpose_to_channels_first_moves_each_element_to_its_nchw_place()
    {
        var nhwc = new float[12];
        for (var i = 0; i < nhwc.Length; i++) nhwc[i] = i;

        var nchw = FloatLayoutOps.Transpose(nhwc, new long[] { 1, 2, 3, 2 }, new long[] { 0, 3, 1, 2 });

        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11 }, nchw);
        Assert.Equal(nhwc, FloatLayoutOps.Transpose(nchw, new long[] { 1, 2, 2, 3 }, new long[] { 0, 2, 3, 1 }));
    }
}
