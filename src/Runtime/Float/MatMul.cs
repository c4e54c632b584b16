using System;
using System.Numerics.Tensors;

namespace QuantizedModels.Runtime;

/// <summary>Batched y = a @ b of two runtime matrices: a [batch, M, K], b [batch, K, N], y [batch, M, N].</summary>
public static class MatMul
{
    /// <summary>Runs the product; a batch stride of 0 broadcasts that operand over the batch.</summary>
    public static void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int batch, int m, int n, int k,
                           int batchStrideA, int batchStrideB)
    {
        for (int p = 0; p < batch; p++)
        {
            ReadOnlySpan<float> ap = a.Slice(p * batchStrideA, m * k);
            ReadOnlySpan<float> bp = b.Slice(p * batchStrideB, k * n);
            Span<float> yp = y.Slice(p * m * n, m * n);
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<float> aRow = ap.Slice(i * k, k);
                if (n == 1)
                {
                    // b is a contiguous column: one dot product.
                    yp[i] = TensorPrimitives.Dot(aRow, bp);
                    continue;
                }

                // Row i of y is a combination of the rows of b, so every access stays contiguous.
                Span<float> yRow = yp.Slice(i * n, n);
                yRow.Clear();
                for (int q = 0; q < k; q++)
                {
                    TensorPrimitives.MultiplyAdd(bp.Slice(q * n, n), aRow[q], yRow, yRow);
                }
            }
        }
    }

    /// <summary>Scalar form, the specification the fast path is tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int batch, int m, int n, int k,
                                   int batchStrideA, int batchStrideB)
    {
        for (int p = 0; p < batch; p++)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    float sum = 0f;
                    for (int q = 0; q < k; q++)
                    {
                        sum += a[p * batchStrideA + i * k + q] * b[p * batchStrideB + q * n + j];
                    }

                    y[(p * m + i) * n + j] = sum;
                }
            }
        }
    }
}
