using System;
using System.Linq;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8BroadcastTests
{
    [Fact]
    public void PerChannelValuesRepeatOverEveryPixel()
    {
        sbyte[] channels = [-128, 0, 127];
        var y = new sbyte[2 * 2 * 3];

        Int8Broadcast.Run(channels, y, [1, 1, 1, 3], [1, 2, 2, 3]);

        Assert.Equal(new sbyte[] { -128, 0, 127, -128, 0, 127, -128, 0, 127, -128, 0, 127 }, y);
    }

    [Theory]
    [InlineData(new[] { 2, 1, 4, 1 })]
    [InlineData(new[] { 1, 3, 1, 5 })]
    [InlineData(new[] { 2, 3, 4, 5 })]
    [InlineData(new[] { 1, 1, 1, 1 })]
    public void EachOutputElementReadsTheInputAtItsIndexWithBroadcastDimensionsAtZero(int[] inShape)
    {
        int[] outShape = [2, 3, 4, 5];
        var x = Enumerable.Range(0, inShape.Aggregate(1, (a, d) => a * d)).Select(i => (sbyte)(i * 7 - 100)).ToArray();
        var y = new sbyte[120];

        Int8Broadcast.Run(x, y, inShape, outShape);

        for (var i = 0; i < 120; i++)
        {
            int[] index = [i / 60, i / 20 % 3, i / 5 % 4, i % 5];
            var source = 0;
            for (var d = 0; d < 4; d++) source = source * inShape[d] + (inShape[d] == 1 ? 0 : index[d]);
            Assert.Equal(x[source], y[i]);
        }
    }

    [Fact]
    public void A_dimension_neither_one_nor_equal_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Int8Broadcast.Run(new sbyte[2], new sbyte[3], [1, 1, 1, 2], [1, 1, 1, 3]));
    }
}
