using System;
using System.Diagnostics;
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
/// results are bit for bit the reference's. A deep window can be split into blocks of k: a later block continues the
/// sums already in Y, which keeps that order.
/// </summary>
internal static class ChannelGemm
{
    private const int RowBlock = 4;

    /// <summary>
    /// x: depth rows of at least <paramref name="columns"/> floats at pitch <paramref name="xPitch"/>; w: rows of depth
    /// weights at pitch <paramref name="wPitch"/>; bias: empty or [rows]; y: rows at pitch <paramref name="yPitch"/>.
    /// <paramref name="continueSums"/>: start from Y's values instead of the bias; then columns must be a multiple of
    /// two vectors, as an overlapped tail would add its terms twice.
    /// </summary>
    public static void Run(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                           Span<float> y, int yPitch, int rows, int depth, int columns, bool continueSums = false)
    {
        Debug.Assert(!continueSums || columns % (2 * Vector<float>.Count) == 0, "continued sums need whole tiles");
        // Bounds once here: every unchecked access below stays inside these slices.
        x = x.Slice(0, (depth - 1) * xPitch + columns);
        w = w.Slice(0, (rows - 1) * wPitch + depth);
        y = y.Slice(0, (rows - 1) * yPitch + columns);
        int lanes = Vector<float>.Count;
        if (!Vector.IsHardwareAccelerated || columns < lanes)
        {
            RunScalar(x, xPitch, w, wPitch, bias, y, yPitch, rows, depth, columns, continueSums);
            return;
        }

        // Column tiles outside, rows inside: a tile's window values (depth x two vectors) stay in L1 for every row.
        int tile = columns >= 2 * lanes ? 2 * lanes : lanes;
        for (int p = 0; ; p += tile)
        {
            // The last tile ends exactly at the last column, overlapping the previous one when columns % tile != 0.
            int start = Math.Min(p, columns - tile);
            RowsOfTile(x, xPitch, w, wPitch, bias, y, yPitch, rows, depth, start, tile / lanes, continueSums);
            if (start + tile >= columns)
            {
                return;
            }
        }
    }

    private static void RowsOfTile(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                   Span<float> y, int yPitch, int rows, int depth, int p, int vectors, bool continueSums)
    {
        int m = 0;
        for (; m <= rows - RowBlock; m += RowBlock)
        {
            if (vectors == 2)
            {
                FourRowsTwoVectors(x, xPitch, w, wPitch, bias, y, yPitch, m, depth, p, continueSums);
            }
            else
            {
                FourRowsOneVector(x, xPitch, w, wPitch, bias, y, yPitch, m, depth, p, continueSums);
            }
        }

        for (; m < rows; m++)
        {
            OneRow(x, xPitch, w, wPitch, bias, y, yPitch, m, depth, p, vectors, continueSums);
        }
    }

    private static void FourRowsTwoVectors(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                           Span<float> y, int yPitch, int m, int depth, int p, bool continueSums)
    {
        int lanes = Vector<float>.Count;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * wPitch);
        ref float w1 = ref Unsafe.Add(ref w0, wPitch);
        ref float w2 = ref Unsafe.Add(ref w1, wPitch);
        ref float w3 = ref Unsafe.Add(ref w2, wPitch);
        ref float ys = ref MemoryMarshal.GetReference(y);
        nuint y0 = (nuint)(m * yPitch + p), pitch = (nuint)yPitch, next = (nuint)lanes;
        Vector<float> a0 = Start(bias, m, ref ys, y0, continueSums), b0 = Start(bias, m, ref ys, y0 + next, continueSums);
        Vector<float> a1 = Start(bias, m + 1, ref ys, y0 + pitch, continueSums), b1 = Start(bias, m + 1, ref ys, y0 + pitch + next, continueSums);
        Vector<float> a2 = Start(bias, m + 2, ref ys, y0 + 2 * pitch, continueSums), b2 = Start(bias, m + 2, ref ys, y0 + 2 * pitch + next, continueSums);
        Vector<float> a3 = Start(bias, m + 3, ref ys, y0 + 3 * pitch, continueSums), b3 = Start(bias, m + 3, ref ys, y0 + 3 * pitch + next, continueSums);
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

        a0.StoreUnsafe(ref ys, y0);
        b0.StoreUnsafe(ref ys, y0 + next);
        a1.StoreUnsafe(ref ys, y0 + pitch);
        b1.StoreUnsafe(ref ys, y0 + pitch + next);
        a2.StoreUnsafe(ref ys, y0 + 2 * pitch);
        b2.StoreUnsafe(ref ys, y0 + 2 * pitch + next);
        a3.StoreUnsafe(ref ys, y0 + 3 * pitch);
        b3.StoreUnsafe(ref ys, y0 + 3 * pitch + next);
    }

    private static void FourRowsOneVector(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                          Span<float> y, int yPitch, int m, int depth, int p, bool continueSums)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * wPitch);
        ref float w1 = ref Unsafe.Add(ref w0, wPitch);
        ref float w2 = ref Unsafe.Add(ref w1, wPitch);
        ref float w3 = ref Unsafe.Add(ref w2, wPitch);
        ref float ys = ref MemoryMarshal.GetReference(y);
        nuint y0 = (nuint)(m * yPitch + p), pitch = (nuint)yPitch;
        Vector<float> a0 = Start(bias, m, ref ys, y0, continueSums), a1 = Start(bias, m + 1, ref ys, y0 + pitch, continueSums);
        Vector<float> a2 = Start(bias, m + 2, ref ys, y0 + 2 * pitch, continueSums), a3 = Start(bias, m + 3, ref ys, y0 + 3 * pitch, continueSums);
        for (int k = 0; k < depth; k++)
        {
            Vector<float> xa = Vector.LoadUnsafe(ref xs, (nuint)(k * xPitch + p));
            a0 += xa * new Vector<float>(Unsafe.Add(ref w0, k));
            a1 += xa * new Vector<float>(Unsafe.Add(ref w1, k));
            a2 += xa * new Vector<float>(Unsafe.Add(ref w2, k));
            a3 += xa * new Vector<float>(Unsafe.Add(ref w3, k));
        }

        a0.StoreUnsafe(ref ys, y0);
        a1.StoreUnsafe(ref ys, y0 + pitch);
        a2.StoreUnsafe(ref ys, y0 + 2 * pitch);
        a3.StoreUnsafe(ref ys, y0 + 3 * pitch);
    }

    /// <summary>One output row (rows past the last block of four), <paramref name="vectors"/> vectors of columns.</summary>
    private static void OneRow(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                               Span<float> y, int yPitch, int m, int depth, int p, int vectors, bool continueSums)
    {
        int lanes = Vector<float>.Count;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float wm = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * wPitch);
        ref float ys = ref MemoryMarshal.GetReference(y);
        for (int v = 0; v < vectors; v++)
        {
            int column = p + v * lanes;
            Vector<float> a = Start(bias, m, ref ys, (nuint)(m * yPitch + column), continueSums);
            for (int k = 0; k < depth; k++)
            {
                a += Vector.LoadUnsafe(ref xs, (nuint)(k * xPitch + column)) * new Vector<float>(Unsafe.Add(ref wm, k));
            }

            a.StoreUnsafe(ref ys, (nuint)(m * yPitch + column));
        }
    }

    private static void RunScalar(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                  Span<float> y, int yPitch, int rows, int depth, int columns, bool continueSums)
    {
        for (int m = 0; m < rows; m++)
        {
            for (int p = 0; p < columns; p++)
            {
                float sum = continueSums ? y[m * yPitch + p] : bias.IsEmpty ? 0f : bias[m];
                for (int k = 0; k < depth; k++)
                {
                    sum += w[m * wPitch + k] * x[k * xPitch + p];
                }

                y[m * yPitch + p] = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Start(ReadOnlySpan<float> bias, int m, ref float ys, nuint offset, bool continueSums) =>
        continueSums ? Vector.LoadUnsafe(ref ys, offset) : new Vector<float>(bias.IsEmpty ? 0f : bias[m]);
}
