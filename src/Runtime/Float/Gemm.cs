using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>y[m, n] = act(sum_k a[m, k] * bt[n, k] + bias), with B packed transposed at build time.</summary>
public static class Gemm
{
    /// <summary>Runs the GEMM. bias: empty = none, length N = per column, length M*N = full matrix.</summary>
    public static void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> bt, ReadOnlySpan<float> bias, Span<float> y,
                           int m, int n, int k, Activation activation) =>
        RunColumns(a, bt, bias, y, m, n, k, activation, 0, columnCount: n);

    /// <summary>
    /// Writes columns [firstColumn, firstColumn + columnCount) of y, with <paramref name="btColumns"/> holding just
    /// those columns' rows of bt; each output is the same dot product <see cref="Run"/> computes.
    /// </summary>
    internal static void RunColumns(ReadOnlySpan<float> a, ReadOnlySpan<float> btColumns, ReadOnlySpan<float> bias, Span<float> y,
                                    int m, int n, int k, Activation activation, int firstColumn, int columnCount)
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> aRow = a.Slice(i * k, k);
            Span<float> yRow = y.Slice(i * n + firstColumn, columnCount);

            // Each output is a dot product of two contiguous rows, which is what bt's packing is for.
            for (int j = 0; j < columnCount; j++)
            {
                yRow[j] = TensorPrimitives.Dot(aRow, btColumns.Slice(j * k, k));
            }

            if (!bias.IsEmpty)
            {
                TensorPrimitives.Add(yRow, bias.Slice((bias.Length == n ? 0 : i * n) + firstColumn, columnCount), yRow);
            }

            activation.ApplyInPlace(yRow);
        }
    }

    /// <summary>Scalar form, the specification the fast path is tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> a, ReadOnlySpan<float> bt, ReadOnlySpan<float> bias, Span<float> y,
                                   int m, int n, int k, Activation activation)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * bt[j * k + p];
                }

                if (!bias.IsEmpty)
                {
                    sum += bias.Length == n ? bias[j] : bias[i * n + j];
                }

                y[i * n + j] = activation.Apply(sum);
            }
        }
    }
}
