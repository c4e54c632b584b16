using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

// AvxVnni is marked preview only in the net8.0 reference assemblies (see Int8Dot.cs).
#pragma warning disable CA2252

namespace QuantizedModels.Runtime;

/// <summary>
/// <see cref="Int8DepthwiseConv2D"/>'s 16-channel blocks on AVX-VNNI for kernels at most 4 wide: VPDPBUSD multiplies
/// four unsigned bytes by four signed ones per int32 lane, so one kernel row (up to 4 taps, zero weights past the
/// width) is one instruction per 8 channels. The inputs each output column's row of taps reads are interleaved into
/// such quads once per input row (not once per output pixel) in a stack table, padding included, so the pixel loop
/// is only loads, VPDPBUSD and the requantization.
/// </summary>
internal static class Int8DepthwiseVnni
{
    private const int BlockChannels = 16;
    private const int QuadBytes = 4 * BlockChannels;

    /// <summary>The largest quad table (input rows x output columns x 64 bytes) kept on the stack.</summary>
    private const int MaxTableBytes = 16 * 1024;

    public static bool Supports(in Int8ConvShape shape) =>
        AvxVnni.IsSupported && shape.KernelWidth <= 4 && shape.KernelHeight <= 16 &&
        (shape.InHeight + 1) * shape.OutWidth * QuadBytes <= MaxTableBytes;

    /// <summary>
    /// Channels [o, o + 16) (multiplier 1, lengths checked, <see cref="Supports"/> true). x + 128 is the unsigned
    /// operand, so the bias takes (offset - 128) * sum w: sum w * (x + offset) = sum w * (x + 128) + (offset - 128) * sum w,
    /// over every tap, a padded tap reading the zero point -offset whose term is the reference's skipped 0. Sums wrap
    /// modulo 2^32 like the reference's.
    /// </summary>
    [SkipLocalsInit] // Every table byte is written before it is read; zeroing would cost as much as filling.
    public static void RunBlock(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                                in Int8ConvShape shape, int o, int inputOffset, in Requantization requantization)
    {
        // Kernel row ky's quads, zero past the kernel width.
        Span<sbyte> weights = stackalloc sbyte[shape.KernelHeight * QuadBytes];
        ref sbyte wRef = ref MemoryMarshal.GetReference(w);
        for (int ky = 0; ky < shape.KernelHeight; ky++)
        {
            ref sbyte kernelRow = ref Unsafe.Add(ref wRef, ky * shape.KernelWidth * shape.OutChannels + o);
            StoreQuads(WeightTap(ref kernelRow, 0, shape), WeightTap(ref kernelRow, 1, shape), WeightTap(ref kernelRow, 2, shape),
                       WeightTap(ref kernelRow, 3, shape), Vector128<byte>.Zero, ref Unsafe.As<sbyte, byte>(ref weights[ky * QuadBytes]));
        }

        ref sbyte weightsRef = ref MemoryMarshal.GetReference(weights);
        Vector256<int> weightSum0 = Vector256<int>.Zero, weightSum1 = Vector256<int>.Zero;
        for (int ky = 0; ky < shape.KernelHeight; ky++)
        {
            weightSum0 = AvxVnni.MultiplyWideningAndAdd(weightSum0, Vector256<byte>.One, Vector256.LoadUnsafe(ref weightsRef, (nuint)(ky * QuadBytes)));
            weightSum1 = AvxVnni.MultiplyWideningAndAdd(weightSum1, Vector256<byte>.One, Vector256.LoadUnsafe(ref weightsRef, (nuint)(ky * QuadBytes + 32)));
        }

        Vector256<int> offset = Vector256.Create(inputOffset - 128);
        Vector256<int> bias0 = (bias.IsEmpty ? Vector256<int>.Zero : Vector256.Create(bias.Slice(o, 8))) + offset * weightSum0;
        Vector256<int> bias1 = (bias.IsEmpty ? Vector256<int>.Zero : Vector256.Create(bias.Slice(o + 8, 8))) + offset * weightSum1;
        var requantize = new Int8RequantizationBlock(requantization, o, BlockChannels);

        // Row InHeight is all zero points: the rows above and below the input.
        int rowBytes = shape.OutWidth * QuadBytes;
        Span<byte> table = stackalloc byte[(shape.InHeight + 1) * rowBytes];
        Vector128<sbyte> zeroPoint = Vector128.Create((sbyte)-inputOffset);
        Vector128<byte> sign = Vector128.Create((byte)0x80);
        ref sbyte xRef = ref MemoryMarshal.GetReference(x), yRef = ref MemoryMarshal.GetReference(y);
        ref byte tableRef = ref MemoryMarshal.GetReference(table);
        // Shape fields in locals: the table's and y's stores could alias the shape, so the JIT would reload them after each one.
        int kernelHeight = shape.KernelHeight, inHeight = shape.InHeight, inWidth = shape.InWidth, inChannels = shape.InChannels;
        int dilationHeight = shape.DilationHeight, outWidth = shape.OutWidth, outChannels = shape.OutChannels;
        int strideWidth = shape.StrideWidth, padLeft = shape.PadLeft, step = shape.DilationWidth;
        for (int b = 0; b < shape.Batch; b++)
        {
            for (int iy = 0; iy <= inHeight; iy++)
            for (int ox = 0; ox < outWidth; ox++)
            {
                int ix = ox * strideWidth - padLeft;
                bool inside = iy < inHeight;
                ref sbyte row = ref inside ? ref Unsafe.Add(ref xRef, (b * inHeight + iy) * inWidth * inChannels + o) : ref xRef;
                StoreQuads(Tap(ref row, zeroPoint, inside, ix, inWidth, inChannels), Tap(ref row, zeroPoint, inside, ix + step, inWidth, inChannels),
                           Tap(ref row, zeroPoint, inside, ix + 2 * step, inWidth, inChannels),
                           Tap(ref row, zeroPoint, inside, ix + 3 * step, inWidth, inChannels),
                           sign, ref Unsafe.Add(ref tableRef, iy * rowBytes + ox * QuadBytes));
            }

            for (int oy = 0; oy < shape.OutHeight; oy++)
            {
                int top = oy * shape.StrideHeight - shape.PadTop;
                ref sbyte outputRow = ref Unsafe.Add(ref yRef, (b * shape.OutHeight + oy) * outWidth * outChannels + o);
                for (int ox = 0; ox < outWidth; ox++)
                {
                    ref byte column = ref Unsafe.Add(ref tableRef, ox * QuadBytes);
                    Vector256<int> sum0 = bias0, sum1 = bias1;
                    for (int ky = 0; ky < kernelHeight; ky++)
                    {
                        int iy = top + ky * dilationHeight;
                        ref byte quads = ref Unsafe.Add(ref column, ((uint)iy < (uint)inHeight ? iy : inHeight) * rowBytes);
                        sum0 = AvxVnni.MultiplyWideningAndAdd(sum0, Vector256.LoadUnsafe(ref quads), Vector256.LoadUnsafe(ref weightsRef, (nuint)(ky * QuadBytes)));
                        sum1 = AvxVnni.MultiplyWideningAndAdd(sum1, Vector256.LoadUnsafe(ref quads, 32), Vector256.LoadUnsafe(ref weightsRef, (nuint)(ky * QuadBytes + 32)));
                    }

                    requantize.Apply(sum0, sum1).StoreUnsafe(ref outputRow, (nuint)(ox * outChannels));
                }
            }
        }
    }

    /// <summary>The 16 channels at column ix of the row, or the zero point outside the input (or on the padding row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<sbyte> Tap(ref sbyte row, Vector128<sbyte> zeroPoint, bool inside, int ix, int inWidth, int inChannels) =>
        inside && (uint)ix < (uint)inWidth ? Vector128.LoadUnsafe(ref row, (nuint)(ix * inChannels)) : zeroPoint;

    /// <summary>Kernel column kx's 16 weights in the row, zero past the kernel width.</summary>
    private static Vector128<sbyte> WeightTap(ref sbyte kernelRow, int kx, in Int8ConvShape shape) =>
        kx < shape.KernelWidth ? Vector128.LoadUnsafe(ref kernelRow, (nuint)(kx * shape.OutChannels)) : Vector128<sbyte>.Zero;

    /// <summary>Channel c's bytes of t0..t3 as quad c, each byte xor <paramref name="sign"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreQuads(Vector128<sbyte> t0, Vector128<sbyte> t1, Vector128<sbyte> t2, Vector128<sbyte> t3, Vector128<byte> sign,
                                   ref byte destination)
    {
        Vector128<short> low01 = Sse2.UnpackLow(t0, t1).AsInt16(), high01 = Sse2.UnpackHigh(t0, t1).AsInt16();
        Vector128<short> low23 = Sse2.UnpackLow(t2, t3).AsInt16(), high23 = Sse2.UnpackHigh(t2, t3).AsInt16();
        (Sse2.UnpackLow(low01, low23).AsByte() ^ sign).StoreUnsafe(ref destination);
        (Sse2.UnpackHigh(low01, low23).AsByte() ^ sign).StoreUnsafe(ref destination, 16);
        (Sse2.UnpackLow(high01, high23).AsByte() ^ sign).StoreUnsafe(ref destination, 32);
        (Sse2.UnpackHigh(high01, high23).AsByte() ^ sign).StoreUnsafe(ref destination, 48);
    }
}
