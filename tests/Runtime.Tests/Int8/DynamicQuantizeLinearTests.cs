using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class DynamicQuantizeLinearTests
{
    /// <summary>The ONNX operator documentation's example: range [-3, 2], scale 5/255, zero point 153.</summary>
    [Fact]
    public void QuantizesOverTheRangeIncludingZero()
    {
        float[] x = [0f, 2f, -3f, -2.5f, 1.34f, 0.5f];
        var y = new byte[6];
        var scale = new float[1];
        var zeroPoint = new byte[1];
        DynamicQuantizeLinear.Run(x, y, scale, zeroPoint);
        Assert.Equal(5f / 255f, scale[0]);
        Assert.Equal(153, zeroPoint[0]);
        Assert.Equal([153, 255, 0, 26, 221, 179], y);
    }

    /// <summary>All zeros: ONNX Runtime takes scale 1 rather than dividing by a zero range.</summary>
    [Fact]
    public void AnEmptyRangeHasScaleOne()
    {
        var y = new byte[3];
        var scale = new float[1];
        var zeroPoint = new byte[1];
        DynamicQuantizeLinear.Run(new float[3], y, scale, zeroPoint);
        Assert.Equal(1f, scale[0]);
        Assert.Equal(0, zeroPoint[0]);
        Assert.Equal([0, 0, 0], y);
    }
}
