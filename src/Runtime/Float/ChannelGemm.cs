using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>
/// Y[m, p] = bias[m] + sum over k of W[m, k] · X[k, p]: a 1x1 convolution, or any convolution after im2col. Tiles of
/// four output rows by two vectors of columns keep eight accumulators in registers, so each weight broadcast feeds two
/// vectors and each column load four rows. The column tail reruns the last full tile shifted left (the overlap is
/// recomputed, not accumulated), so only maps narrower than a vector take the scalar loop. Every sum adds the bias and
/// then the terms in ascending k, as <see cref="Conv2D.Reference"/> does, with separate multiply and add (no FMA), so
/// results are bit for bit the reference's.
/// </summary>
internal static class ChannelGemm
{
    private const int RowBlock = 4;

    /// <summary>
    /// x: depth rows of at least <paramref name="columns"/> floats at pitch <paramref name="xPitch"/>; w: [rows, depth];
    /// bias: empty or [rows]; y: rows at pitch <paramref name="yPitch"/>.
    /// </summary>
    public static void Run(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                           Span<float> y, int yPitch, int rows, int depth, int columns)
    {
        // Bounds once here: every unchecked access below stays inside these slices.
        x = x.Slice(0, (depth - 1) * xPitch + columns);
        w = w.Slice(0, rows * depth);
        y = y.Slice(0, (rows - 1) * yPitch + columns);
        int lanes = Vector<float>.Count;
        if (!Vector.IsHardwareAccelerated || columns < lanes)
        {
            RunScalar(x, xPitch, w, bias, y, yPitch, rows, depth, columns);
            return;
        }

        int blocked = rows - rows % RowBlock;
        for (int m = 0; m < blocked; m += RowBlock)
        {
            ForEachColumnTile(x, xPitch, w, bias, y, yPitch, m, RowBlock, depth, columns);
        }

        for (int m = blocked; m < rows; m++)
        {
            ForEachColumnTile(x, xPitch, w, bias, y, yPitch, m, 1, depth, columns);
        }
    }

    private static void ForEachColumnTile(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                                          Span<float> y, int yPitch, int m, int rowCount, int depth, int columns)
    {
        int lanes = Vector<float>.Count;
        int tile = columns >= 2 * lanes ? 2 * lanes : lanes;
        for (int p = 0; ; p += tile)
        {
            // The last tile ends exactly at the last column, overlapping the previous one when columns % tile != 0.
            int start = Math.Min(p, columns - tile);
            if (rowCount == RowBlock)
            {
                if (tile == 2 * lanes)
                {
                    FourRowsTwoVectors(x, xPitch, w, bias, y, yPitch, m, depth, start);
                }
                else
                {
                    FourRowsOneVector(x, xPitch, w, bias, y, yPitch, m, depth, start);
                }
            }
            else
            {
                OneRow(x, xPitch, w, bias, y, yPitch, m, depth, start, tile / lanes);
            }

            if (start + tile >= columns)
            {
                return;
            }
        }
    }

    private static void FourRowsTwoVectors(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                                           Span<float> y, int yPitch, int m, int depth, int p)
    {
        int lanes = Vector<float>.Count;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * depth);
        ref float w1 = ref Unsafe.Add(ref w0, depth);
        ref float w2 = ref Unsafe.Add(ref w1, depth);
        ref float w3 = ref Unsafe.Add(ref w2, depth);
        Vector<float> a0 = BiasVector(bias, m), b0 = a0;
        Vector<float> a1 = BiasVector(bias, m + 1), b1 = a1;
        Vector<float> a2 = BiasVector(bias, m + 2), b2 = a2;
        Vector<float> a3 = BiasVector(bias, m + 3), b3 = a3;
        for (int k = 0; k < depth; k++)
        {
            nuint row = (nuint)(k * xPitch + p);
            Vector<float> xa = Vector.LoadUnsafe(ref xs, row);
            Vector<float> xb = Vector.LoadUnsafe(ref xs, row + (nuint)lanes);
            var v0 = new Vector<float>(Unsafe.Add(ref w0, k));
            var v1 = new Vector<float>(Unsafe.Add(ref w1, k));
            var v2 = new Vector<float>(Unsafe.Add(ref w2, k));
            var v3 = new Vector<float>(Unsafe.Add(ref w3, k));
            a0 += xa * v0;
            b0 += xb * v0;
            a1 += xa * v1;
            b1 += xb * v1;
            a2 += xa * v2;
            b2 += xb * v2;
            a3 += xa * v3;
            b3 += xb * v3;
        }

        ref float ys = ref MemoryMarshal.GetReference(y);
        nuint y0 = (nuint)(m * yPitch + p), pitch = (nuint)yPitch, next = (nuint)lanes;
        a0.StoreUnsafe(ref ys, y0);
        b0.StoreUnsafe(ref ys, y0 + next);
        a1.StoreUnsafe(ref ys, y0 + pitch);
        b1.StoreUnsafe(ref ys, y0 + pitch + next);
        a2.StoreUnsafe(ref ys, y0 + 2 * pitch);
        b2.StoreUnsafe(ref ys, y0 + 2 * pitch + next);
        a3.StoreUnsafe(ref ys, y0 + 3 * pitch);
        b3.StoreUnsafe(ref ys, y0 + 3 * pitch + next);
    }

    private static void FourRowsOneVector(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                                          Span<float> y, int yPitch, int m, int depth, int p)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * depth);
        ref float w1 = ref Unsafe.Add(ref w0, depth);
        ref float w2 = ref Unsafe.Add(ref w1, depth);
        ref float w3 = ref Unsafe.Add(ref w2, depth);
        Vector<float> a0 = BiasVector(bias, m), a1 = BiasVector(bias, m + 1);
        Vector<float> a2 = BiasVector(bias, m + 2), a3 = BiasVector(bias, m + 3);
        for (int k = 0; k < depth; k++)
        {
            Vector<float> xa = Vector.LoadUnsafe(ref xs, (nuint)(k * xPitch + p));
            a0 += xa * new Vector<float>(Unsafe.Add(ref w0, k));
            a1 += xa * new Vector<float>(Unsafe.Add(ref w1, k));
            a2 += xa * new Vector<float>(Unsafe.Add(ref w2, k));
            a3 += xa * new Vector<float>(Unsafe.Add(ref w3, k));
        }

        ref float ys = ref MemoryMarshal.GetReference(y);
        nuint y0 = (nuint)(m * yPitch + p), pitch = (nuint)yPitch;
        a0.StoreUnsafe(ref ys, y0);
        a1.StoreUnsafe(ref ys, y0 + pitch);
        a2.StoreUnsafe(ref ys, y0 + 2 * pitch);
        a3.StoreUnsafe(ref ys, y0 + 3 * pitch);
    }

    /// <summary>One output row (rows past the last block of four), <paramref name="vectors"/> vectors of columns.</summary>
    private static void OneRow(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                               Span<float> y, int yPitch, int m, int depth, int p, int vectors)
    {
        int lanes = Vector<float>.Count;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float wm = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * depth);
        ref float ys = ref MemoryMarshal.GetReference(y);
        for (int v = 0; v < vectors; v++)
        {
            int column = p + v * lanes;
            Vector<float> a = BiasVector(bias, m);
            for (int k = 0; k < depth; k++)
            {
                a += Vector.LoadUnsafe(ref xs, (nuint)(k * xPitch + column)) * new Vector<float>(Unsafe.Add(ref wm, k));
            }

            a.StoreUnsafe(ref ys, (nuint)(m * yPitch + column));
        }
    }

    private static void RunScalar(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
                                  Span<float> y, int yPitch, int rows, int depth, int columns)
    {
        for (int m = 0; m < rows; m++)
        {
            for (int p = 0; p < columns; p++)
            {
                float sum = bias.IsEmpty ? 0f : bias[m];
                for (int k = 0; k < depth; k++)
                {
                    sum += w[m * depth + k] * x[k * xPitch + p];
                }

                y[m * yPitch + p] = sum;
            }
        }
    }

    private static Vector<float> BiasVector(ReadOnlySpan<float> bias, int m) => new(bias.IsEmpty ? 0f : bias[m]);
}
