using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// Y[m, p] = bias[m] + sum over k of W[m, k] · X[k, p]: a 1x1 convolution, or any convolution after im2col. Tiles of
/// four output rows by two vectors of columns (512-bit vectors where AVX-512 is on: <see cref="IFloatLanes{TVector}"/>)
/// keep eight accumulators in registers, so each weight broadcast feeds two vectors and each column load four rows. The column tail reruns the last full tile shifted left (the overlap is
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
    /// <see cref="TileColumns"/>, as an overlapped tail would add its terms twice.
    /// </summary>
    public static void Run(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                           Span<float> y, int yPitch, int rows, int depth, int columns, bool continueSums = false)
    {
        Debug.Assert(!continueSums || columns % TileColumns == 0, "continued sums need whole tiles");
        // Bounds once here: every unchecked access below stays inside these slices.
        x = x.Slice(0, (depth - 1) * xPitch + columns);
        w = w.Slice(0, (rows - 1) * wPitch + depth);
        y = y.Slice(0, (rows - 1) * yPitch + columns);
        if (Vector512.IsHardwareAccelerated && columns >= Vector512<float>.Count)
        {
            Tiles<Vector512<float>, Vector512Lanes>(x, xPitch, w, wPitch, bias, y, yPitch, rows, depth, columns, continueSums);
        }
        else if (Vector.IsHardwareAccelerated && columns >= Vector<float>.Count)
        {
            Tiles<Vector<float>, VectorLanes>(x, xPitch, w, wPitch, bias, y, yPitch, rows, depth, columns, continueSums);
        }
        else
        {
            RunScalar(x, xPitch, w, wPitch, bias, y, yPitch, rows, depth, columns, continueSums);
        }
    }

    /// <summary>Columns of the widest register tile, which chunks of continued sums must be multiples of.</summary>
    public static int TileColumns => 2 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector<float>.Count);

    private static void Tiles<TVector, TLanes>(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                               Span<float> y, int yPitch, int rows, int depth, int columns, bool continueSums)
        where TVector : struct
        where TLanes : struct, IFloatLanes<TVector>
    {
        // Column tiles outside, rows inside: a tile's window values (depth x two vectors) stay in L1 for every row.
        int lanes = TLanes.Count;
        int tile = columns >= 2 * lanes ? 2 * lanes : lanes;
        for (int p = 0; ; p += tile)
        {
            // The last tile ends exactly at the last column, overlapping the previous one when columns % tile != 0.
            int start = Math.Min(p, columns - tile);
            RowsOfTile<TVector, TLanes>(x, xPitch, w, wPitch, bias, y, yPitch, rows, depth, start, tile / lanes, continueSums);
            if (start + tile >= columns)
            {
                return;
            }
        }
    }

    private static void RowsOfTile<TVector, TLanes>(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                                    Span<float> y, int yPitch, int rows, int depth, int p, int vectors, bool continueSums)
        where TVector : struct
        where TLanes : struct, IFloatLanes<TVector>
    {
        int m = 0;
        for (; m <= rows - RowBlock; m += RowBlock)
        {
            if (vectors == 2)
            {
                FourRowsTwoVectors<TVector, TLanes>(x, xPitch, w, wPitch, bias, y, yPitch, m, depth, p, continueSums);
            }
            else
            {
                FourRowsOneVector<TVector, TLanes>(x, xPitch, w, wPitch, bias, y, yPitch, m, depth, p, continueSums);
            }
        }

        for (; m < rows; m++)
        {
            OneRow<TVector, TLanes>(x, xPitch, w, wPitch, bias, y, yPitch, m, depth, p, vectors, continueSums);
        }
    }

    private static void FourRowsTwoVectors<TVector, TLanes>(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                                            Span<float> y, int yPitch, int m, int depth, int p, bool continueSums)
        where TVector : struct
        where TLanes : struct, IFloatLanes<TVector>
    {
        int lanes = TLanes.Count;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * wPitch);
        ref float w1 = ref Unsafe.Add(ref w0, wPitch);
        ref float w2 = ref Unsafe.Add(ref w1, wPitch);
        ref float w3 = ref Unsafe.Add(ref w2, wPitch);
        ref float ys = ref MemoryMarshal.GetReference(y);
        nuint pitch = (nuint)yPitch, next = (nuint)lanes;
        nuint r0 = (nuint)(m * yPitch + p), r1 = r0 + pitch, r2 = r1 + pitch, r3 = r2 + pitch;
        TVector a0 = Start<TVector, TLanes>(bias, m, ref ys, r0, continueSums);
        TVector b0 = Start<TVector, TLanes>(bias, m, ref ys, r0 + next, continueSums);
        TVector a1 = Start<TVector, TLanes>(bias, m + 1, ref ys, r1, continueSums);
        TVector b1 = Start<TVector, TLanes>(bias, m + 1, ref ys, r1 + next, continueSums);
        TVector a2 = Start<TVector, TLanes>(bias, m + 2, ref ys, r2, continueSums);
        TVector b2 = Start<TVector, TLanes>(bias, m + 2, ref ys, r2 + next, continueSums);
        TVector a3 = Start<TVector, TLanes>(bias, m + 3, ref ys, r3, continueSums);
        TVector b3 = Start<TVector, TLanes>(bias, m + 3, ref ys, r3 + next, continueSums);
        for (int k = 0; k < depth; k++)
        {
            nuint row = (nuint)(k * xPitch + p);
            TVector xa = TLanes.Load(ref xs, row);
            TVector xb = TLanes.Load(ref xs, row + (nuint)lanes);
            TVector v0 = TLanes.Broadcast(Unsafe.Add(ref w0, k));
            TVector v1 = TLanes.Broadcast(Unsafe.Add(ref w1, k));
            TVector v2 = TLanes.Broadcast(Unsafe.Add(ref w2, k));
            TVector v3 = TLanes.Broadcast(Unsafe.Add(ref w3, k));
            a0 = TLanes.MultiplyAdd(a0, xa, v0);
            b0 = TLanes.MultiplyAdd(b0, xb, v0);
            a1 = TLanes.MultiplyAdd(a1, xa, v1);
            b1 = TLanes.MultiplyAdd(b1, xb, v1);
            a2 = TLanes.MultiplyAdd(a2, xa, v2);
            b2 = TLanes.MultiplyAdd(b2, xb, v2);
            a3 = TLanes.MultiplyAdd(a3, xa, v3);
            b3 = TLanes.MultiplyAdd(b3, xb, v3);
        }

        TLanes.Store(a0, ref ys, r0);
        TLanes.Store(b0, ref ys, r0 + next);
        TLanes.Store(a1, ref ys, r1);
        TLanes.Store(b1, ref ys, r1 + next);
        TLanes.Store(a2, ref ys, r2);
        TLanes.Store(b2, ref ys, r2 + next);
        TLanes.Store(a3, ref ys, r3);
        TLanes.Store(b3, ref ys, r3 + next);
    }

    private static void FourRowsOneVector<TVector, TLanes>(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                                           Span<float> y, int yPitch, int m, int depth, int p, bool continueSums)
        where TVector : struct
        where TLanes : struct, IFloatLanes<TVector>
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float w0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * wPitch);
        ref float w1 = ref Unsafe.Add(ref w0, wPitch);
        ref float w2 = ref Unsafe.Add(ref w1, wPitch);
        ref float w3 = ref Unsafe.Add(ref w2, wPitch);
        ref float ys = ref MemoryMarshal.GetReference(y);
        nuint r0 = (nuint)(m * yPitch + p), r1 = r0 + (nuint)yPitch, r2 = r1 + (nuint)yPitch, r3 = r2 + (nuint)yPitch;
        TVector a0 = Start<TVector, TLanes>(bias, m, ref ys, r0, continueSums);
        TVector a1 = Start<TVector, TLanes>(bias, m + 1, ref ys, r1, continueSums);
        TVector a2 = Start<TVector, TLanes>(bias, m + 2, ref ys, r2, continueSums);
        TVector a3 = Start<TVector, TLanes>(bias, m + 3, ref ys, r3, continueSums);
        for (int k = 0; k < depth; k++)
        {
            TVector xa = TLanes.Load(ref xs, (nuint)(k * xPitch + p));
            a0 = TLanes.MultiplyAdd(a0, xa, TLanes.Broadcast(Unsafe.Add(ref w0, k)));
            a1 = TLanes.MultiplyAdd(a1, xa, TLanes.Broadcast(Unsafe.Add(ref w1, k)));
            a2 = TLanes.MultiplyAdd(a2, xa, TLanes.Broadcast(Unsafe.Add(ref w2, k)));
            a3 = TLanes.MultiplyAdd(a3, xa, TLanes.Broadcast(Unsafe.Add(ref w3, k)));
        }

        TLanes.Store(a0, ref ys, r0);
        TLanes.Store(a1, ref ys, r1);
        TLanes.Store(a2, ref ys, r2);
        TLanes.Store(a3, ref ys, r3);
    }

    /// <summary>One output row (rows past the last block of four), <paramref name="vectors"/> vectors of columns.</summary>
    private static void OneRow<TVector, TLanes>(ReadOnlySpan<float> x, int xPitch, ReadOnlySpan<float> w, int wPitch, ReadOnlySpan<float> bias,
                                                Span<float> y, int yPitch, int m, int depth, int p, int vectors, bool continueSums)
        where TVector : struct
        where TLanes : struct, IFloatLanes<TVector>
    {
        int lanes = TLanes.Count;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float wm = ref Unsafe.Add(ref MemoryMarshal.GetReference(w), m * wPitch);
        ref float ys = ref MemoryMarshal.GetReference(y);
        for (int v = 0; v < vectors; v++)
        {
            int column = p + v * lanes;
            TVector a = Start<TVector, TLanes>(bias, m, ref ys, (nuint)(m * yPitch + column), continueSums);
            for (int k = 0; k < depth; k++)
            {
                a = TLanes.MultiplyAdd(a, TLanes.Load(ref xs, (nuint)(k * xPitch + column)), TLanes.Broadcast(Unsafe.Add(ref wm, k)));
            }

            TLanes.Store(a, ref ys, (nuint)(m * yPitch + column));
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
    private static TVector Start<TVector, TLanes>(ReadOnlySpan<float> bias, int m, ref float ys, nuint offset, bool continueSums)
        where TVector : struct
        where TLanes : struct, IFloatLanes<TVector> =>
        continueSums ? TLanes.Load(ref ys, offset) : TLanes.Broadcast(bias.IsEmpty ? 0f : bias[m]);
}
