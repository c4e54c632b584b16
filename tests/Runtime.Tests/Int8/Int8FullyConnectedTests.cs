using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8FullyConnectedTests
{
    [Fact]
    public void HandComputedPerChannelExample()
    {
        // x + 1 = [2, -1, 4]; rows [1, 2, 3] and [-1, 0, 1] give 12 + 10 = 22 and 2 - 5 = -3.
        sbyte[] x = [1, -2, 3], w = [1, 2, 3, -1, 0, 1];
        int[] bias = [10, -5], multipliers = [1 << 30, 1 << 30], shifts = [1, -1];
        var y = new sbyte[2];
        // Channel 0: 22 * 0.5 * 2 = 22, + 3 = 25, clamped to 20. Channel 1: -3 * 0.25 = -0.75 -> -1 (double rounding), + 3 = 2.
        var requantization = new Requantization(multipliers, shifts, 3, -128, 20);
        Int8FullyConnected.Reference(x, w, bias, y, 1, 3, 2, 1, requantization);
        Assert.Equal(new sbyte[] { 20, 2 }, y);
        Int8FullyConnected.Run(x, w, bias, y, 1, 3, 2, 1, requantization);
        Assert.Equal(new sbyte[] { 20, 2 }, y);
    }

    [Fact]
    public void RandomLayersMatchTheReferenceBitForBit()
    {
        var data = new TestData(31);
        for (int trial = 0; trial < 400; trial++)
        {
            int batch = data.Next(1, 3), inFeatures = data.Next(1, 67), outFeatures = data.Next(1, 19);
            bool perChannel = data.Coin();
            sbyte[] x = Int8Samples.Tensor(data, batch * inFeatures), w = Int8Samples.Tensor(data, outFeatures * inFeatures);
            int[] bias = data.Coin() ? Int8Samples.Bias(data, outFeatures) : [];
            (int[] multipliers, int[] shifts) = Int8Samples.Scales(data, perChannel ? outFeatures : 1);
            (int min, int max) = Int8Samples.ActivationRange(data);
            var requantization = new Requantization(multipliers, shifts, data.Next(-128, 127), min, max);
            int inputOffset = Int8Samples.InputOffset(data);

            sbyte[] expected = Int8Samples.Poisoned(batch * outFeatures), actual = Int8Samples.Poisoned(batch * outFeatures);
            Int8FullyConnected.Reference(x, w, bias, expected, batch, inFeatures, outFeatures, inputOffset, requantization);
            Int8FullyConnected.Run(x, w, bias, actual, batch, inFeatures, outFeatures, inputOffset, requantization);
            Assert.Equal(expected, actual);
        }
    }
}
