using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class ZeroAllocationTests
{
    [Fact]
    public void NoKernelAllocatesAfterWarmUp()
    {
        var data = new TestData(131);
        float[] a = data.Floats(4096), b = data.Floats(4096), c = data.Floats(64), y = new float[8192];
        int[] shape4 = [2, 3, 4, 5], perm4 = [3, 1, 0, 2], strides4 = [60, 20, 5, 1], rowStrides4 = [0, 1, 0, 0];
        int[] pads4 = [0, 1, 1, 2, 1, 0, 2, 1];
        var conv = new Conv2DShape(1, 4, 9, 7, 8, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1, 2);
        var depthwise = new Conv2DShape(1, 8, 9, 7, 16, 9, 7, 3, 3, 1, 1, 1, 1, 1, 1, 8);
        var pointwise = new Conv2DShape(1, 8, 9, 7, 8, 9, 7, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        var pool = new Pool2DShape(1, 4, 9, 7, 5, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        byte[] planes = new byte[2 * 10 * TernaryGemm.PlaneBytes(67)];
        ulong[] bits = new ulong[10 * XnorGemm.Words(130)];
        ushort[] columns = [0, 7, 39, 3];
        int[] rowStarts = [0, 2, 3, 4];
        planes.AsSpan().Fill(0b10110001);
        bits.AsSpan().Fill(0xF0F0_1234_5678_9ABCUL);

        void RunAll()
        {
            Gemm.Run(a, b, c, y, 1, 64, 60, Activation.Relu);
            MatMul.Run(a, b, y, 2, 3, 7, 5, 15, 0);
            Conv2D.Run(a, b, c, y, conv, Activation.Clip(0f, 6f));
            Conv2D.Run(a, b, c, y, depthwise, Activation.LeakyRelu(0.1f));
            Conv2D.Run(a, b, c, y, pointwise, Activation.None);
            Pool2D.Max(a, y, pool);
            Pool2D.Average(a, y, pool, countIncludePad: true);
            Pool2D.GlobalAverage(a, y, 8, 63);
            Binary.Run(BinaryOp.Add, a, b, y, shape4, strides4, strides4, Activation.None);
            Binary.Run(BinaryOp.Div, a, b, y, shape4, strides4, rowStrides4, Activation.Relu);
            Unary.Relu(a.AsSpan(0, 67), y);
            Unary.Clip(a.AsSpan(0, 67), y, -1f, 1f);
            Unary.LeakyRelu(a.AsSpan(0, 67), y, 0.2f);
            Unary.Sigmoid(a.AsSpan(0, 67), y);
            Unary.Tanh(a.AsSpan(0, 67), y);
            Unary.Sign(a.AsSpan(0, 67), y);
            Unary.HardSigmoid(a.AsSpan(0, 67), y, 0.2f, 0.5f);
            Unary.HardSwish(a.AsSpan(0, 67), y);
            Unary.Copy(a.AsSpan(0, 67), y);
            ChannelAffine.Run(a, y, b, c, 2, 8, 9);
            Softmax.Run(a, y, 3, 10, 1);
            Softmax.RunLog(a, y, 3, 200, 1);
            Softmax.Run(a, y, 3, 10, 4);
            Transpose.Run(a, y, shape4, perm4);
            Pad.Run(a, y, shape4, pads4, PadMode.Reflect, 0f);
            Concat.CopyBlock(a, y, 4, 5, 9, 4);
            Reduce.Mean(a, y, shape4, 0b1010);
            TernaryGemm.Run(a, planes, c, c, y, 2, 10, 67, Activation.Relu);
            XnorGemm.Run(a, bits, c, c, y, 2, 10, 130, Activation.None);
            SparseGemm.Run(a, b, columns, rowStarts, c, y, 2, 3, 40, Activation.Relu);
        }

        RunAll();
        RunAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
    }
}
