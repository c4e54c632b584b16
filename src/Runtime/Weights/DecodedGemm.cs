using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// <see cref="Gemm"/> over weights stored as float16 or per-channel int8 in bt's packed [N, K] layout: a tile of rows
/// (output columns) at a time is decoded into <c>tile</c> and multiplied, so only tile.Length floats of weights exist
/// at once. Outputs equal <see cref="Gemm.Run"/> on the fully decoded weights bit for bit.
/// </summary>
public static class DecodedGemm
{
    /// <summary>tile: scratch of a whole number of K-long rows, at least one.</summary>
    public static void RunFloat16(ReadOnlySpan<float> a, ReadOnlySpan<Half> bt, ReadOnlySpan<float> bias, Span<float> y,
                                  int m, int n, int k, Activation activation, Span<float> tile) =>
        Run(a, bt, default, default, bias, y, m, n, k, activation, tile);

    /// <summary>scales: one per output column (row of bt). tile: scratch of a whole number of K-long rows, at least one.</summary>
    public static void RunInt8PerChannel(ReadOnlySpan<float> a, ReadOnlySpan<sbyte> bt, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                                         Span<float> y, int m, int n, int k, Activation activation, Span<float> tile) =>
        Run(a, default, bt, scales, bias, y, m, n, k, activation, tile);

    /// <summary>Exactly one of <paramref name="float16"/> and <paramref name="int8"/> holds the weights.</summary>
    private static void Run(ReadOnlySpan<float> a, ReadOnlySpan<Half> float16, ReadOnlySpan<sbyte> int8, ReadOnlySpan<float> scales,
                            ReadOnlySpan<float> bias, Span<float> y, int m, int n, int k, Activation activation, Span<float> tile)
    {
        int tileRows = tile.Length / k;
        for (int first = 0; first < n; first += tileRows)
        {
            int rows = Math.Min(tileRows, n - first);
            Span<float> decoded = tile.Slice(0, rows * k);
            if (float16.IsEmpty)
            {
                WeightDecoding.Int8PerChannel(int8.Slice(first * k, rows * k), scales.Slice(first, rows), decoded);
            }
            else
            {
                WeightDecoding.Float16(float16.Slice(first * k, rows * k), decoded);
            }

            Gemm.RunColumns(a, decoded, bias, y, m, n, k, activation, first, rows);
        }
    }
}
