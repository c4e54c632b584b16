using System.Collections.Generic;

namespace QuantizedModels.Generator.Quantization.LowBit;

/// <summary>A dense layer's weights [out, in] as compressed sparse rows: the nonzeros, their columns, and where each row starts.</summary>
internal sealed record SparseWeights(float[] Values, ushort[] Columns, int[] RowStarts)
{
    /// <summary>Above this fraction of exact zeros a layer is stored and run sparse: a stored nonzero costs a 2-byte column
    /// besides its value, and the kernel's scalar gather only beats a vector dot product when most terms are skipped.</summary>
    public const double MinimumSparsity = 0.75;

    /// <summary>The largest input width whose columns fit the 16-bit indices.</summary>
    public const int MaximumInputs = ushort.MaxValue + 1;

    public static SparseWeights From(float[] weights, int outputs, int inputs)
    {
        var values = new List<float>();
        var columns = new List<ushort>();
        var rowStarts = new int[outputs + 1];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                var w = weights[o * inputs + i];
                if (w == 0f) continue;
                values.Add(w);
                columns.Add((ushort)i);
            }

            rowStarts[o + 1] = values.Count;
        }

        return new SparseWeights(values.ToArray(), columns.ToArray(), rowStarts);
    }
}
