using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

// AvxVnni is marked preview only in the net8.0 reference assemblies (the analyzer's check, not the runtime's); the
// same API is stable from .NET 9, and the runtime this library runs on decides IsSupported.
#pragma warning disable CA2252

namespace QuantizedModels.Runtime;

/// <summary>
/// sum over i of (x[i] + inputOffset) * w[i] in wrapping int32: the inner product of every int8 kernel.
/// Every path computes sum(x*w) and sum(w) and returns sum(x*w) + inputOffset * sum(w), which is the same integer
/// modulo 2^32, so all paths equal <see cref="Reference"/> bit for bit for any offset.
/// </summary>
internal static class Int8Dot
{
    public static int Run(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, int inputOffset)
    {
        ref sbyte xs = ref MemoryMarshal.GetReference(x);
        ref sbyte ws = ref MemoryMarshal.GetReference(w);
        int length = x.Length, i = 0, productSum = 0, weightSum = 0;
        if (AvxVnni.IsSupported)
        {
            i = AvxVnni256(ref xs, ref ws, length, ref productSum, ref weightSum);
        }
        else if (Avx512BW.IsSupported)
        {
            i = Avx512(ref xs, ref ws, length, ref productSum, ref weightSum);
        }
        else if (Avx2.IsSupported)
        {
            i = Avx2Widened(ref xs, ref ws, length, ref productSum, ref weightSum);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            i = Vector128Path(ref xs, ref ws, i, length, ref productSum, ref weightSum);
        }

        for (; i < length; i++)
        {
            int weight = Unsafe.Add(ref ws, i);
            productSum += Unsafe.Add(ref xs, i) * weight;
            weightSum += weight;
        }

        return productSum + inputOffset * weightSum;
    }

    /// <summary>The TFLite loop, one element at a time.</summary>
    public static int Reference(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, int inputOffset)
    {
        int sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += (x[i] + inputOffset) * w[i];
        }

        return sum;
    }

    // VPDPBUSD multiplies unsigned by signed bytes, so x is biased to x + 128 (flip the sign bit) and the bias is
    // taken back out with sum(w), which a second VPDPBUSD against ones provides.
    private static int AvxVnni256(ref sbyte x, ref sbyte w, int length, ref int productSum, ref int weightSum)
    {
        Vector256<int> biasedProducts = Vector256<int>.Zero, weights = Vector256<int>.Zero;
        Vector256<byte> signBit = Vector256.Create((byte)0x80), ones = Vector256.Create((byte)1);
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            Vector256<sbyte> wv = Vector256.LoadUnsafe(ref w, (nuint)i);
            Vector256<byte> biasedX = Vector256.LoadUnsafe(ref x, (nuint)i).AsByte() ^ signBit;
            biasedProducts = AvxVnni.MultiplyWideningAndAdd(biasedProducts, biasedX, wv);
            weights = AvxVnni.MultiplyWideningAndAdd(weights, ones, wv);
        }

        int weightTotal = Vector256.Sum(weights);
        productSum += Vector256.Sum(biasedProducts) - 128 * weightTotal;
        weightSum += weightTotal;
        return i;
    }

    // VPMADDWD on sign-extended int16 lanes; |x*w| <= 2^14, so the pairwise int32 sums cannot saturate.
    private static int Avx512(ref sbyte x, ref sbyte w, int length, ref int productSum, ref int weightSum)
    {
        Vector512<int> products = Vector512<int>.Zero, weights = Vector512<int>.Zero;
        Vector512<short> ones = Vector512.Create((short)1);
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            Vector512<short> xv = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref x, (nuint)i));
            Vector512<short> wv = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref w, (nuint)i));
            products += Avx512BW.MultiplyAddAdjacent(xv, wv);
            weights += Avx512BW.MultiplyAddAdjacent(wv, ones);
        }

        productSum += Vector512.Sum(products);
        weightSum += Vector512.Sum(weights);
        return i;
    }

    private static int Avx2Widened(ref sbyte x, ref sbyte w, int length, ref int productSum, ref int weightSum)
    {
        Vector256<int> products = Vector256<int>.Zero, weights = Vector256<int>.Zero;
        Vector256<short> ones = Vector256.Create((short)1);
        int i = 0;
        for (; i <= length - 16; i += 16)
        {
            Vector256<short> xv = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref x, (nuint)i));
            Vector256<short> wv = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, (nuint)i));
            products += Avx2.MultiplyAddAdjacent(xv, wv);
            weights += Avx2.MultiplyAddAdjacent(wv, ones);
        }

        productSum += Vector256.Sum(products);
        weightSum += Vector256.Sum(weights);
        return i;
    }

    // 16 bytes per step: SDOT on Arm with the dot-product extension, PMADDWD on x86, portable widening elsewhere.
    private static int Vector128Path(ref sbyte x, ref sbyte w, int i, int length, ref int productSum, ref int weightSum)
    {
        Vector128<int> products = Vector128<int>.Zero, weights = Vector128<int>.Zero;
        for (; i <= length - 16; i += 16)
        {
            Vector128<sbyte> xv = Vector128.LoadUnsafe(ref x, (nuint)i);
            Vector128<sbyte> wv = Vector128.LoadUnsafe(ref w, (nuint)i);
            if (Dp.IsSupported)
            {
                products = Dp.DotProduct(products, xv, wv);
                weights = Dp.DotProduct(weights, Vector128.Create((sbyte)1), wv);
                continue;
            }

            (Vector128<short> xLow, Vector128<short> xHigh) = Vector128.Widen(xv);
            (Vector128<short> wLow, Vector128<short> wHigh) = Vector128.Widen(wv);
            products += PairwiseProducts(xLow, wLow) + PairwiseProducts(xHigh, wHigh);
            weights += PairwiseProducts(wLow, Vector128.Create((short)1)) + PairwiseProducts(wHigh, Vector128.Create((short)1));
        }

        productSum += Vector128.Sum(products);
        weightSum += Vector128.Sum(weights);
        return i;
    }

    /// <summary>a[2k] * b[2k] + a[2k+1] * b[2k+1] per int32 lane (PMADDWD where available).</summary>
    private static Vector128<int> PairwiseProducts(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.MultiplyAddAdjacent(a, b);
        }

        (Vector128<int> aLow, Vector128<int> aHigh) = Vector128.Widen(a);
        (Vector128<int> bLow, Vector128<int> bHigh) = Vector128.Widen(b);
        // Lane order differs from PMADDWD, which does not matter for a total.
        return aLow * bLow + aHigh * bHigh;
    }
}
