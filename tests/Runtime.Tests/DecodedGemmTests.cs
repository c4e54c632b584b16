using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

public class DecodedGemmTests
{
    [Fact]
    public void Decoding_a_tile_at_a_time_equals_the_float_gemm_on_the_decoded_weights_bit_for_bit()
    {
        var data = new TestData(41);
        for (int trial = 0; trial < 150; trial++)
        {
            int m = trial % 3 == 0 ? 1 : data.Next(1, 5), n = data.Next(1, 40), k = data.Next(1, 70);
            // From one row per tile to every row in one tile.
            int tileRows = data.Next(1, n);
            float[] a = data.Floats(m * k);
            float[] bias = data.Next(0, 2) switch { 0 => [], 1 => data.Floats(n), _ => data.Floats(m * n) };
            Activation activation = data.AnyActivation();
            var half = new Half[n * k];
            var int8 = new sbyte[n * k];
            for (int i = 0; i < half.Length; i++)
            {
                half[i] = (Half)(data.Floats(1)[0] * 2);
                int8[i] = (sbyte)data.Next(-128, 127);
            }

            float[] scales = data.Floats(n, 0.05f);
            string what = $"m={m} n={n} k={k} tile rows={tileRows} bias={bias.Length} act={activation.Kind}";

            var weights = new float[n * k];
            WeightDecoding.Float16Reference(half, weights);
            AssertSameAsGemm(a, weights, bias, m, n, k, activation, (y, tile) => DecodedGemm.RunFloat16(a, half, bias, y, m, n, k, activation, tile), tileRows, "float16 " + what);

            WeightDecoding.Int8PerChannelReference(int8, scales, weights);
            AssertSameAsGemm(a, weights, bias, m, n, k, activation, (y, tile) => DecodedGemm.RunInt8PerChannel(a, int8, scales, bias, y, m, n, k, activation, tile), tileRows, "int8 " + what);
        }
    }

    private static void AssertSameAsGemm(float[] a, float[] weights, float[] bias, int m, int n, int k, Activation activation,
                                         Action<float[], float[]> decodedGemm, int tileRows, string what)
    {
        float[] expected = TestData.Poisoned(m * n), actual = TestData.Poisoned(m * n);
        Gemm.Run(a, weights, bias, expected, m, n, k, activation);
        decodedGemm(actual, new float[tileRows * k]);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"{what}: y[{i}] = {actual[i]}, Gemm gives {expected[i]}");
        }
    }
}
