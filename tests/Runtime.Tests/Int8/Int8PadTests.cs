using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8PadTests
{
    [Fact]
    public void PadsRowsAndColumnsWithTheValue()
    {
        // [1, 2, 2, 1] with one row on top and one column on the right: [1, 3, 3, 1].
        var y = new sbyte[9];

        Int8Pad.Run([1, 2, 3, 4], y, [1, 2, 2, 1], [0, 1, 0, 0, 0, 0, 1, 0], -7);

        Assert.Equal(new sbyte[] { -7, -7, -7, 1, 2, -7, 3, 4, -7 }, y);
    }

    [Fact]
    public void PadsChannelsAndBatches()
    {
        // [1, 1, 1, 2] with one channel before, one after, and a second (padded) image: [2, 1, 1, 4].
        var y = new sbyte[8];

        Int8Pad.Run([5, 6], y, [1, 1, 1, 2], [0, 0, 0, 1, 1, 0, 0, 1], 0);

        Assert.Equal(new sbyte[] { 0, 5, 6, 0, 0, 0, 0, 0 }, y);
    }

    [Fact]
    public void AllocatesNothing()
    {
        sbyte[] x = [1, 2, 3, 4];
        var y = new sbyte[9];
        Int8Pad.Run(x, y, [1, 2, 2, 1], [0, 1, 0, 0, 0, 0, 1, 0], 0);

        var before = System.GC.GetAllocatedBytesForCurrentThread();
        Int8Pad.Run(x, y, [1, 2, 2, 1], [0, 1, 0, 0, 0, 0, 1, 0], 0);

        Assert.Equal(before, System.GC.GetAllocatedBytesForCurrentThread());
    }
}
