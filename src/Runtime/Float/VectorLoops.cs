using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>An element-wise map with a scalar and a SIMD form that must agree.</summary>
internal interface IElementMap
{
    float Apply(float x);
    Vector<float> Apply(Vector<float> x);
}

/// <summary>Short SIMD loops that are inlined into kernels, where a TensorPrimitives call costs more than the work.</summary>
internal static class VectorLoops
{
    /// <summary>y[i] = map(x[i]); x and y may be the same span.</summary>
    public static void Map<TMap>(ReadOnlySpan<float> x, Span<float> y, TMap map) where TMap : struct, IElementMap
    {
        int n = x.Length;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y.Slice(0, n));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                map.Apply(Vector.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = map.Apply(Unsafe.Add(ref xs, i));
        }
    }

    /// <summary>y[i] += w * x[i] for i in [0, y.Length); x must be at least as long as y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAccumulate(ReadOnlySpan<float> x, float w, Span<float> y)
    {
        int n = y.Length;
        ref float xs = ref MemoryMarshal.GetReference(x.Slice(0, n));
        ref float ys = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var wv = new Vector<float>(w);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                (Vector.LoadUnsafe(ref ys, (nuint)i) + Vector.LoadUnsafe(ref xs, (nuint)i) * wv).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        // Short rows (conv over narrow feature maps, e.g. width 5) still get one 4-wide step when Vector<T> is wider.
        if (Vector128.IsHardwareAccelerated && Vector<float>.Count > 4 && n - i >= 4)
        {
            (Vector128.LoadUnsafe(ref ys, (nuint)i) + Vector128.LoadUnsafe(ref xs, (nuint)i) * w).StoreUnsafe(ref ys, (nuint)i);
            i += 4;
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) += w * Unsafe.Add(ref xs, i);
        }
    }
}

/// <summary>x * scale + shift, the one affine map TensorPrimitives has no scalar-scalar form of.</summary>
internal readonly struct AffineMap(float scale, float shift) : IElementMap
{
    public float Apply(float x) => x * scale + shift;

    public Vector<float> Apply(Vector<float> x) => x * scale + new Vector<float>(shift);
}
