using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>
/// Turns a layer's compactly stored weights into the float32 layout its float kernel reads, right before the layer
/// runs, into a scratch slice the arena planner gives that layer alone (dense layers decode a tile of rows at a time,
/// see <see cref="DecodedGemm"/>); so at most one layer's float weights are ever in memory. The stored arrays have the float layout element for element ([output channel, ...] rows), so the
/// decoding is the only thing the Float16 and Int8WeightOnly schemes change.
/// </summary>
public static class WeightDecoding
{
    /// <summary>weights[i] = (float)stored[i]; binary16 widens to binary32 exactly.</summary>
    public static void Float16(ReadOnlySpan<Half> stored, Span<float> weights) =>
        TensorPrimitives.ConvertToSingle(stored, weights.Slice(0, stored.Length));

    /// <summary>
    /// weights[c, i] = stored[c, i] * scales[c]: symmetric int8 with one scale per output channel (row); the rows are
    /// stored.Length / scales.Length long.
    /// </summary>
    public static void Int8PerChannel(ReadOnlySpan<sbyte> stored, ReadOnlySpan<float> scales, Span<float> weights)
    {
        int depth = stored.Length / scales.Length;
        for (int c = 0; c < scales.Length; c++)
        {
            DequantizeRow(stored.Slice(c * depth, depth), scales[c], weights.Slice(c * depth, depth));
        }
    }

    /// <summary>Scalar form of <see cref="Float16"/>, the specification the fast path is tested against.</summary>
    internal static void Float16Reference(ReadOnlySpan<Half> stored, Span<float> weights)
    {
        for (int i = 0; i < stored.Length; i++)
        {
            weights[i] = (float)stored[i];
        }
    }

    /// <summary>Scalar form of <see cref="Int8PerChannel"/>, the specification the fast path is tested against.</summary>
    internal static void Int8PerChannelReference(ReadOnlySpan<sbyte> stored, ReadOnlySpan<float> scales, Span<float> weights)
    {
        int depth = stored.Length / scales.Length;
        for (int i = 0; i < stored.Length; i++)
        {
            weights[i] = stored[i] * scales[i / depth];
        }
    }

    /// <summary>
    /// One row: every value widens sbyte → short → int → float exactly, then takes the one rounding of the product,
    /// so each lane equals the scalar product bit for bit.
    /// </summary>
    private static void DequantizeRow(ReadOnlySpan<sbyte> row, float scale, Span<float> weights)
    {
        int n = row.Length;
        ref sbyte source = ref MemoryMarshal.GetReference(row);
        ref float destination = ref MemoryMarshal.GetReference(weights.Slice(0, n));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scaleVector = new Vector<float>(scale);
            int lanes = Vector<float>.Count;
            for (; i <= n - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
            {
                Vector.Widen(Vector.LoadUnsafe(ref source, (nuint)i), out Vector<short> low, out Vector<short> high);
                Vector.Widen(low, out Vector<int> q0, out Vector<int> q1);
                Vector.Widen(high, out Vector<int> q2, out Vector<int> q3);
                (Vector.ConvertToSingle(q0) * scaleVector).StoreUnsafe(ref destination, (nuint)i);
                (Vector.ConvertToSingle(q1) * scaleVector).StoreUnsafe(ref destination, (nuint)(i + lanes));
                (Vector.ConvertToSingle(q2) * scaleVector).StoreUnsafe(ref destination, (nuint)(i + 2 * lanes));
                (Vector.ConvertToSingle(q3) * scaleVector).StoreUnsafe(ref destination, (nuint)(i + 3 * lanes));
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i) * scale;
        }
    }
}
