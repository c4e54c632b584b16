using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// y[m, n] = act(sum_k w[n, k] a[m, k] + bias[n]) with w stored as compressed sparse rows: only the nonzero weights
/// are stored and multiplied.
/// </summary>
/// <remarks>
/// Row n's nonzeros are values[rowStarts[n] .. rowStarts[n + 1]) at columns columns[...] in increasing order, so the
/// sum visits the same terms in the same order as a dense dot product that skips its zero products. The build uses
/// this layout only for heavily pruned layers, where a row holds a handful of nonzeros: gathering them into vectors
/// costs more than it saves, so there is one scalar path.
/// </remarks>
public static class SparseGemm
{
    /// <summary>Runs the layer. bias: empty = none, else length N.</summary>
    public static void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> values, ReadOnlySpan<ushort> columns, ReadOnlySpan<int> rowStarts,
                           ReadOnlySpan<float> bias, Span<float> y, int m, int n, int k, Activation activation)
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> aRow = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = rowStarts[j]; p < rowStarts[j + 1]; p++)
                {
                    sum += aRow[columns[p]] * values[p];
                }

                if (!bias.IsEmpty) sum += bias[j];
                y[i * n + j] = activation.Apply(sum);
            }
        }
    }
}
