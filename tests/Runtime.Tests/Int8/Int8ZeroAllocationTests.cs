using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class Int8ZeroAllocationTests
{
    [Fact]
    public void NoInt8KernelAllocatesAfterWarmUp()
    {
        var data = new TestData(91);
        sbyte[] a = Int8Samples.Tensor(data, 4096), b = Int8Samples.Tensor(data, 4096), y = new sbyte[8192];
        float[] floats = data.Floats(4096, 10f);
        int[] bias = Int8Samples.Bias(data, 64);
        (int[] multipliers, int[] shifts) = Int8Samples.Scales(data, 64);
        var conv = new Int8ConvShape(1, 9, 7, 12, 5, 4, 8, 3, 3, 2, 2, 1, 1, 1, 1);
        var depthwise = new Int8ConvShape(1, 9, 7, 20, 9, 7, 20, 3, 3, 1, 1, 1, 1, 1, 1);
        var pool = new Int8PoolShape(1, 9, 7, 20, 5, 4, 3, 3, 2, 2, 1, 1);
        Int8AddQuantization add = Int8AddTests.FromScales(0.05, 3, 0.02, -7, 0.06, 1, -128, 127);
        Int8SoftmaxParameters.Compute(0.0917, 1.0, out int softmaxMultiplier, out int softmaxShift, out int diffMin);
        Int8ActivationParameters.Compute(0.05, out int activationMultiplier, out int activationShift, out int radius);
        sbyte[] packedWeights = Int8GemmPacking.PackWeights(b[..(8 * 108)], 8, 108);
        int[] packedBias = Int8GemmPacking.PackBias(b[..(8 * 108)], bias[..8], 8, 108, -127);
        var scratch = new sbyte[Int8GemmPacking.Conv2DScratchLength(1, 9, 7, 12, 5, 4, 3, 3, 2, 2, 1, 1)];

        void RunAll()
        {
            var requantization = new Requantization(multipliers, shifts, -3, -128, 127);
            Int8FullyConnected.Run(a, b, bias, y, 2, 60, 64, 128, requantization);
            Int8Conv2D.Run(a, b, bias, y, conv, -127, requantization);
            Int8PackedConv2D.Run(a, packedWeights, packedBias, scratch, y, conv, -127, requantization);
            Int8PackedGemm.Run(a, packedWeights, packedBias, y, 5, 8, 108, requantization);
            Int8DepthwiseConv2D.Run(a, b, bias, y, depthwise, 5, requantization);
            Int8Pool2D.Max(a, y, pool, -128, 127);
            Int8Pool2D.Average(a, y, pool, -100, 100);
            Int8Add.Run(a.AsSpan(0, 67), b.AsSpan(0, 67), y.AsSpan(0, 67), add);
            Int8Softmax.Run(a, y, 12, 100, softmaxMultiplier, softmaxShift, diffMin);
            Int8Quantize.Run(floats.AsSpan(0, 99), y.AsSpan(0, 99), 0.04f, -3);
            Int8Dequantize.Run(a.AsSpan(0, 99), floats.AsSpan(0, 99), 0.04f, -3);
            Int8Requantize.Run(a.AsSpan(0, 99), y.AsSpan(0, 99), 1 << 30, 1, 5, -9);
            Int8Logistic.Run(a, y.AsSpan(0, a.Length), 3, radius, activationMultiplier, activationShift);
            Int8Tanh.Run(a.AsSpan(0, 99), y.AsSpan(0, 99), 3, radius, activationMultiplier, activationShift);
            Int8Mul.Run(a.AsSpan(0, 67), b.AsSpan(0, 67), y.AsSpan(0, 67), -3, 7, 1, 1 << 30, -3, -128, 127);
            Int8Mean.Run(a, y.AsSpan(0, 2 * 20), 2, 9, 7, 20, 3, -1, 1 << 30, 0);
        }

        RunAll();
        RunAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
