using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// y[m, n] = act(scale[n] x sum_k t[n, k] a[m, k] + bias[n]) with ternary weights t in {-1, 0, +1}: additions and
/// subtractions only, one multiply per output.
/// </summary>
/// <remarks>
/// Weights are two bit-planes per output row (<see cref="PlaneBytes"/> bytes each, the plus plane then the minus
/// plane; bit i of byte b is column 8b + i). The sum is defined over eight interleaved partial sums (column c goes
/// to lane c mod 8, each step adds the plus term then subtracts the minus term, padding columns count as zero),
/// reduced as ((p0 + p4) + (p1 + p5)) + ((p2 + p6) + (p3 + p7)): that order is what makes every vector path
/// equal the scalar reference bit for bit.
/// </remarks>
public static class TernaryGemm
{
    private const int Lanes = 8;

    /// <summary>Bytes of one bit-plane of a row of <paramref name="k"/> weights.</summary>
    public static int PlaneBytes(int k) => (k + Lanes - 1) / Lanes;

    /// <summary>Runs the layer. bias: empty = none, else length N.</summary>
    public static void Run(ReadOnlySpan<float> a, ReadOnlySpan<byte> planes, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                           Span<float> y, int m, int n, int k, Activation activation)
    {
        if (Vector256.IsHardwareAccelerated) Run256(a, planes, scales, bias, y, m, n, k, activation);
        else if (Vector128.IsHardwareAccelerated) Run128(a, planes, scales, bias, y, m, n, k, activation);
        else Reference(a, planes, scales, bias, y, m, n, k, activation);
    }

    /// <summary>Scalar form, the specification the vector paths are tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> a, ReadOnlySpan<byte> planes, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                                   Span<float> y, int m, int n, int k, Activation activation)
    {
        int kBytes = PlaneBytes(k);
        Span<float> partial = stackalloc float[Lanes];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<byte> plus = planes.Slice(2 * j * kBytes, kBytes), minus = planes.Slice((2 * j + 1) * kBytes, kBytes);
                partial.Clear();
                for (int c = 0; c < kBytes * Lanes; c++)
                {
                    float x = c < k ? a[i * k + c] : 0f;
                    int bit = 1 << (c % Lanes);
                    partial[c % Lanes] = (partial[c % Lanes] + ((plus[c / Lanes] & bit) != 0 ? x : 0f)) - ((minus[c / Lanes] & bit) != 0 ? x : 0f);
                }

                float sum = ((partial[0] + partial[4]) + (partial[1] + partial[5])) + ((partial[2] + partial[6]) + (partial[3] + partial[7]));
                y[i * n + j] = Finish(sum, scales[j], bias, j, activation);
            }
        }
    }

    private static float Finish(float sum, float scale, ReadOnlySpan<float> bias, int j, Activation activation) =>
        activation.Apply(bias.IsEmpty ? sum * scale : (sum * scale) + bias[j]);

    internal static void Run256(ReadOnlySpan<float> a, ReadOnlySpan<byte> planes, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                               Span<float> y, int m, int n, int k, Activation activation)
    {
        int kBytes = PlaneBytes(k);
        var bits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        for (int i = 0; i < m; i++)
        {
            var tail = Tail(a.Slice(i * k, k));
            ref float x0 = ref Unsafe.AsRef(in a[i * k]);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<byte> plus = planes.Slice(2 * j * kBytes, kBytes), minus = planes.Slice((2 * j + 1) * kBytes, kBytes);
                var acc = Vector256<float>.Zero;
                for (int b = 0; b < kBytes; b++)
                {
                    var x = b < k / Lanes ? Vector256.LoadUnsafe(ref x0, (nuint)(b * Lanes)) : tail;
                    acc = (acc + (x & Mask(plus[b], bits))) - (x & Mask(minus[b], bits));
                }

                y[i * n + j] = Finish(Reduce(acc.GetLower(), acc.GetUpper()), scales[j], bias, j, activation);
            }
        }
    }

    internal static void Run128(ReadOnlySpan<float> a, ReadOnlySpan<byte> planes, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                               Span<float> y, int m, int n, int k, Activation activation)
    {
        int kBytes = PlaneBytes(k);
        var lowBits = Vector128.Create(1, 2, 4, 8);
        var highBits = Vector128.Create(16, 32, 64, 128);
        for (int i = 0; i < m; i++)
        {
            var tail = Tail(a.Slice(i * k, k));
            ref float x0 = ref Unsafe.AsRef(in a[i * k]);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<byte> plus = planes.Slice(2 * j * kBytes, kBytes), minus = planes.Slice((2 * j + 1) * kBytes, kBytes);
                Vector128<float> low = Vector128<float>.Zero, high = Vector128<float>.Zero;
                for (int b = 0; b < kBytes; b++)
                {
                    bool full = b < k / Lanes;
                    var xLow = full ? Vector128.LoadUnsafe(ref x0, (nuint)(b * Lanes)) : tail.GetLower();
                    var xHigh = full ? Vector128.LoadUnsafe(ref x0, (nuint)(b * Lanes) + 4) : tail.GetUpper();
                    low = (low + (xLow & Mask(plus[b], lowBits))) - (xLow & Mask(minus[b], lowBits));
                    high = (high + (xHigh & Mask(plus[b], highBits))) - (xHigh & Mask(minus[b], highBits));
                }

                y[i * n + j] = Finish(Reduce(low, high), scales[j], bias, j, activation);
            }
        }
    }

    /// <summary>The last, partial group of eight columns with zeros after the row's end (all zeros when k is a multiple of eight).</summary>
    private static Vector256<float> Tail(ReadOnlySpan<float> row)
    {
        Span<float> padded = stackalloc float[Lanes];
        padded.Clear();
        row.Slice(row.Length / Lanes * Lanes).CopyTo(padded);
        return Vector256.Create<float>(padded);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(byte plane, Vector256<int> bits) =>
        Vector256.Equals(Vector256.Create((int)plane) & bits, bits).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Mask(byte plane, Vector128<int> bits) =>
        Vector128.Equals(Vector128.Create((int)plane) & bits, bits).AsSingle();

    private static float Reduce(Vector128<float> low, Vector128<float> high)
    {
        var pairs = low + high;
        return (pairs[0] + pairs[1]) + (pairs[2] + pairs[3]);
    }
}
