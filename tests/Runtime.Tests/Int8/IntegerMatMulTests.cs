using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests.Int8;

public class IntegerMatMulTests
{
    /// <summary>The ONNX operator documentation's MatMulInteger example.</summary>
    [Fact]
    public void MatMulIntegerSubtractsTheZeroPoints()
    {
        byte[] a = [11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0];
        byte[] b = [1, 4, 2, 5, 3, 6];
        var y = new int[8];
        IntegerMatMul.Run<byte, byte>(a, b, y, new IntegerMatMulShape(1, 4, 3, 2, false), 12, [0]);
        Assert.Equal([-38, -83, -44, -98, -50, -113, -56, -128], y);
    }

    /// <summary>Per-column b zero points, one b per batch, and the uint8 output equal to the int8 one shifted by 128.</summary>
    [Fact]
    public void BatchedPerColumnProductsAndBothOutputTypesAgreeWithTheFormula()
    {
        var data = new TestData(141);
        for (int trial = 0; trial < 100; trial++)
        {
            int batch = data.Next(1, 3), m = data.Next(1, 4), k = data.Next(1, 20), n = data.Next(1, 6);
            bool batchedB = data.Coin();
            sbyte[] a = Int8Samples.Tensor(data, batch * m * k), b = Int8Samples.Tensor(data, (batchedB ? batch : 1) * k * n);
            int aZero = data.Next(-128, 127);
            int[] bZeros = new int[data.Coin() ? n : 1];
            for (int i = 0; i < bZeros.Length; i++) bZeros[i] = data.Next(-128, 127);
            float[] scales = [data.Next(1, 1000) * 1e-5f];
            int outputZero = data.Next(0, 255);
            var shape = new IntegerMatMulShape(batch, m, k, n, batchedB);

            var sums = new int[batch * m * n];
            var signed = new sbyte[sums.Length];
            var unsigned = new byte[sums.Length];
            IntegerMatMul.Run<sbyte, sbyte>(a, b, sums, shape, aZero, bZeros);
            IntegerMatMul.Run<sbyte, sbyte>(a, b, signed, shape, aZero, bZeros, new Requantization(scales, outputZero - 128, -128, 127));
            IntegerMatMul.Run<sbyte, sbyte>(a, b, unsigned, shape, aZero, bZeros, new Requantization(scales, outputZero - 128, -128, 127));
            for (int p = 0; p < batch; p++)
            for (int row = 0; row < m; row++)
            for (int col = 0; col < n; col++)
            {
                int expected = 0;
                for (int i = 0; i < k; i++)
                {
                    expected += (a[(p * m + row) * k + i] - aZero) * (b[((batchedB ? p : 0) * k + i) * n + col] - bZeros[bZeros.Length == 1 ? 0 : col]);
                }

                int index = (p * m + row) * n + col;
                Assert.Equal(expected, sums[index]);
                int rounded = (int)Math.Clamp(MathF.Round(expected * scales[0], MidpointRounding.ToEven) + outputZero, 0, 255);
                Assert.Equal(rounded, unsigned[index]);
                Assert.Equal(rounded - 128, signed[index]);
            }
        }
    }

    /// <summary>Zero points read at run time (uint8 a, int8 b per column) give the sums the constant ones give.</summary>
    [Fact]
    public void RunTimeZeroPointsEqualTheSameConstantZeroPoints()
    {
        var data = new TestData(142);
        for (int trial = 0; trial < 50; trial++)
        {
            int m = data.Next(1, 4), k = data.Next(1, 20), n = data.Next(1, 6);
            var a = new byte[m * k];
            for (int i = 0; i < a.Length; i++) a[i] = (byte)data.Next(0, 255);
            sbyte[] b = Int8Samples.Tensor(data, k * n);
            byte[] aZero = [(byte)data.Next(0, 255)];
            sbyte[] bZeros = Int8Samples.Tensor(data, data.Coin() ? n : 1);
            var shape = new IntegerMatMulShape(1, m, k, n, false);

            var expected = new int[m * n];
            var actual = new int[m * n];
            IntegerMatMul.Run<byte, sbyte>(a, b, expected, shape, aZero[0], Array.ConvertAll(bZeros, z => (int)z));
            IntegerMatMul.Run<byte, sbyte, byte, sbyte>(a, b, actual, shape, aZero, bZeros);
            Assert.Equal(expected, actual);
        }
    }
}
