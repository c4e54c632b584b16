using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// A binary dense layer fed through a sign: y[m, n] = act(scale[n] x sum_k sign(a[m, k]) s[n, k] + bias[n]) with
/// weights s in {-1, +1}, one bit each (set = +1, row n at word n x <see cref="Words"/>, bit i of word w being
/// column 64w + i). The sum is an integer: XNOR and popcount over 64 columns at a time.
/// </summary>
/// <remarks>
/// sign(0) = 0, as ONNX Sign gives, so a row's signs are two masks (positive, negative): the sum is
/// 2 x (popcount(pos &amp; s) + popcount(neg &amp; ~s)) - popcount(pos | neg). A NaN input makes the whole row NaN, as
/// the float Sign and Gemm it replaces would.
/// </remarks>
public static class XnorGemm
{
    private const int WordBits = 64;

    /// <summary>The widest layer the kernel takes: its sign masks live on the stack.</summary>
    public const int MaximumInputs = 4096;

    /// <summary>Words of one weight row of <paramref name="k"/> columns.</summary>
    public static int Words(int k) => (k + WordBits - 1) / WordBits;

    /// <summary>Runs the layer. bias: empty = none, else length N.</summary>
    public static void Run(ReadOnlySpan<float> a, ReadOnlySpan<ulong> weights, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                           Span<float> y, int m, int n, int k, Activation activation)
    {
        int words = Words(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaximumInputs);
        Span<ulong> positive = stackalloc ulong[MaximumInputs / WordBits].Slice(0, words);
        Span<ulong> negative = stackalloc ulong[MaximumInputs / WordBits].Slice(0, words);
        for (int i = 0; i < m; i++)
        {
            bool hasNaN = SignMasks(a.Slice(i * k, k), positive, negative);
            int nonzero = 0;
            for (int w = 0; w < words; w++) nonzero += BitOperations.PopCount(positive[w] | negative[w]);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<ulong> row = weights.Slice(j * words, words);
                int agree = 0;
                for (int w = 0; w < words; w++) agree += BitOperations.PopCount((positive[w] & row[w]) | (negative[w] & ~row[w]));
                y[i * n + j] = Finish(hasNaN ? float.NaN : (2 * agree) - nonzero, scales[j], bias, j, activation);
            }
        }
    }

    /// <summary>Scalar form: the integer sum element by element, the specification <see cref="Run"/> is tested against.</summary>
    internal static void Reference(ReadOnlySpan<float> a, ReadOnlySpan<ulong> weights, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                                   Span<float> y, int m, int n, int k, Activation activation)
    {
        int words = Words(k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int sum = 0;
                bool hasNaN = false;
                for (int c = 0; c < k; c++)
                {
                    float x = a[i * k + c];
                    int weight = ((weights[j * words + c / WordBits] >> (c % WordBits)) & 1) != 0 ? 1 : -1;
                    sum += x > 0f ? weight : x < 0f ? -weight : 0;
                    hasNaN |= float.IsNaN(x);
                }

                y[i * n + j] = Finish(hasNaN ? float.NaN : sum, scales[j], bias, j, activation);
            }
        }
    }

    private static float Finish(float sum, float scale, ReadOnlySpan<float> bias, int j, Activation activation) =>
        activation.Apply(bias.IsEmpty ? sum * scale : (sum * scale) + bias[j]);

    /// <summary>Sets bit c of <paramref name="positive"/> where x[c] &gt; 0 and of <paramref name="negative"/> where x[c] &lt; 0; true when some x is NaN.</summary>
    private static bool SignMasks(ReadOnlySpan<float> x, Span<ulong> positive, Span<ulong> negative)
    {
        positive.Clear();
        negative.Clear();
        bool hasNaN = false;
        int c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float x0 = ref Unsafe.AsRef(in x[0]);
            for (; c + Vector256<float>.Count <= x.Length; c += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref x0, (nuint)c);
                positive[c / WordBits] |= (ulong)Vector256.GreaterThan(v, Vector256<float>.Zero).ExtractMostSignificantBits() << (c % WordBits);
                negative[c / WordBits] |= (ulong)Vector256.LessThan(v, Vector256<float>.Zero).ExtractMostSignificantBits() << (c % WordBits);
                hasNaN |= !Vector256.EqualsAll(v, v);
            }
        }

        for (; c < x.Length; c++)
        {
            if (x[c] > 0f) positive[c / WordBits] |= 1UL << (c % WordBits);
            if (x[c] < 0f) negative[c / WordBits] |= 1UL << (c % WordBits);
            hasNaN |= float.IsNaN(x[c]);
        }

        return hasNaN;
    }
}
