using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QuantizedModels.Runtime;

/// <summary>
/// The operations a register-tiled float kernel needs from one SIMD width, so the kernel is written once and the JIT
/// specialises it per width: <see cref="Vector{T}"/> (256 bits with AVX2, 128 otherwise) and <see cref="Vector512{T}"/>
/// where AVX-512 is on. Multiply and add stay separate (no FMA) so every width rounds as the scalar reference does.
/// </summary>
internal interface IFloatLanes<TVector> where TVector : struct
{
    static abstract int Count { get; }

    static abstract TVector Broadcast(float value);

    static abstract TVector Load(ref float source, nuint offset);

    static abstract void Store(TVector value, ref float target, nuint offset);

    /// <summary>sum + x * w, rounded after the product and after the sum.</summary>
    static abstract TVector MultiplyAdd(TVector sum, TVector x, TVector w);
}

/// <summary><see cref="Vector{T}"/> lanes.</summary>
internal readonly struct VectorLanes : IFloatLanes<Vector<float>>
{
    public static int Count => Vector<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Broadcast(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(ref float source, nuint offset) => Vector.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> value, ref float target, nuint offset) => value.StoreUnsafe(ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> sum, Vector<float> x, Vector<float> w) => sum + x * w;
}

/// <summary><see cref="Vector512{T}"/> lanes; use only when <see cref="Vector512.IsHardwareAccelerated"/>.</summary>
internal readonly struct Vector512Lanes : IFloatLanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float target, nuint offset) => value.StoreUnsafe(ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> sum, Vector512<float> x, Vector512<float> w) => sum + x * w;
}
