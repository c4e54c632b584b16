using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 DEPTHWISE_CONV_2D (per-channel): NHWC input, 1HWO weights with O = inChannels * depthMultiplier
/// (output channel o reads input channel o / depthMultiplier), NHWC output. Padded taps are skipped.
/// </summary>
public static class Int8DepthwiseConv2D
{
    private const int BlockChannels = 16;

    /// <summary>The largest kernel (kh*kw taps) the AVX2 path takes; its stack tables grow with it.</summary>
    private const int MaxTaps = 64;

    /// <summary>The best path a call may take; tests lower it to reach every path on one machine.</summary>
    internal static Int8GemmPath MaxPath = Int8GemmPath.AvxVnni;

    /// <summary>Runs the convolution. bias: empty = none, else one int32 per output channel.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                           in Int8ConvShape shape, int inputOffset, in Requantization requantization)
    {
        // With multiplier 1 input and output channels line up, so 16 channels accumulate per vector step.
        bool vectorBlocks = shape.OutChannels == shape.InChannels && Vector128.IsHardwareAccelerated;
        int blockedChannels = vectorBlocks ? shape.OutChannels - shape.OutChannels % BlockChannels : 0;
        // The AVX2 path pads with the zero point -inputOffset and keeps its tap tables on the stack.
        if (Avx2.IsSupported && MaxPath >= Int8GemmPath.Avx2 && blockedChannels > 0 && inputOffset is >= -127 and <= 128 && shape.KernelHeight * shape.KernelWidth <= MaxTaps)
        {
            if (x.Length < shape.Batch * shape.InHeight * shape.InWidth * shape.InChannels ||
                w.Length < shape.KernelHeight * shape.KernelWidth * shape.OutChannels ||
                y.Length < shape.Batch * shape.OutHeight * shape.OutWidth * shape.OutChannels ||
                (!bias.IsEmpty && bias.Length < shape.OutChannels))
            {
                throw new ArgumentException("The depthwise operands do not match the shape.");
            }

            bool vnni = MaxPath >= Int8GemmPath.AvxVnni && Int8DepthwiseVnni.Supports(shape);
            for (int o = 0; o < blockedChannels; o += BlockChannels)
            {
                if (vnni)
                {
                    Int8DepthwiseVnni.RunBlock(x, w, bias, y, shape, o, inputOffset, requantization);
                }
                else
                {
                    RunBlockAvx2(x, w, bias, y, shape, o, inputOffset, requantization);
                }
            }

            RunTail(x, w, bias, y, shape, blockedChannels, inputOffset, requantization);
            return;
        }

        Span<int> blockSums = stackalloc int[BlockChannels];
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            int outputBase = ((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels;
            for (int o = 0; o < blockedChannels; o += BlockChannels)
            {
                AccumulateBlock(x, w, shape, b, oy, ox, o, inputOffset, blockSums);
                for (int lane = 0; lane < BlockChannels; lane++)
                {
                    int accumulator = bias.IsEmpty ? blockSums[lane] : blockSums[lane] + bias[o + lane];
                    y[outputBase + o + lane] = requantization.Apply(accumulator, o + lane);
                }
            }
        }

        RunTail(x, w, bias, y, shape, blockedChannels, inputOffset, requantization);
    }

    /// <summary>The scalar per-channel loop for channels from <paramref name="first"/> on.</summary>
    private static void RunTail(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                                in Int8ConvShape shape, int first, int inputOffset, in Requantization requantization)
    {
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            int outputBase = ((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels;
            for (int o = first; o < shape.OutChannels; o++)
            {
                int accumulator = Accumulate(x, w, shape, b, oy, ox, o, inputOffset);
                y[outputBase + o] = requantization.Apply(bias.IsEmpty ? accumulator : accumulator + bias[o], o);
            }
        }
    }

    /// <summary>
    /// Channels [o, o + 16) over every output pixel on AVX2 (multiplier 1, lengths checked by the caller). Taps go in
    /// pairs through VPMADDWD: the two taps' bytes interleaved and widened to int16, against weights interleaved the
    /// same way once per block, so one instruction does 16 of the reference's multiply-adds. The products are of raw
    /// int8 values (never above 2^14, so the pairs cannot overflow) and the offset is folded into the bias:
    /// sum w * (x + offset) = sum w * x + offset * sum w. That needs every tap, so a padded tap reads the zero point
    /// -offset, whose term w * (-offset + offset) is the 0 the reference's skipped tap adds; the odd tap past the end
    /// has zero weights. All sums wrap modulo 2^32 like the reference's.
    /// </summary>
    private static void RunBlockAvx2(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                                     in Int8ConvShape shape, int o, int inputOffset, in Requantization requantization)
    {
        int taps = shape.KernelHeight * shape.KernelWidth, pairs = (taps + 1) / 2;
        // Sized by the kernel (at most MaxTaps), so the zeroing costs no more than the tables.
        Span<short> weights = stackalloc short[pairs * 2 * BlockChannels];
        Span<int> tapY = stackalloc int[2 * pairs], tapX = stackalloc int[2 * pairs], delta = stackalloc int[2 * pairs];
        Vector128<sbyte> zeroPoint = Vector128.Create((sbyte)-inputOffset);
        ref sbyte wRef = ref MemoryMarshal.GetReference(w), zeroPointRef = ref Unsafe.As<Vector128<sbyte>, sbyte>(ref zeroPoint);
        Vector256<int> weightSum0 = Vector256<int>.Zero, weightSum1 = Vector256<int>.Zero;
        for (int t = 0; t < 2 * pairs; t++)
        {
            int ky = t / shape.KernelWidth, kx = t % shape.KernelWidth;
            // The tap past the end is never in range: it reads the zero point, or the pixel itself when interior.
            tapY[t] = t < taps ? ky * shape.DilationHeight : int.MinValue / 2;
            tapX[t] = kx * shape.DilationWidth;
            delta[t] = t < taps ? (tapY[t] * shape.InWidth + tapX[t]) * shape.InChannels : 0;
        }

        for (int p = 0; p < pairs; p++)
        {
            Vector128<sbyte> first = Vector128.LoadUnsafe(ref wRef, (nuint)(2 * p * shape.OutChannels + o));
            Vector128<sbyte> second = 2 * p + 1 < taps ? Vector128.LoadUnsafe(ref wRef, (nuint)((2 * p + 1) * shape.OutChannels + o)) : Vector128<sbyte>.Zero;
            (Vector256<short> low, Vector256<short> high) = Interleave(first, second);
            low.StoreUnsafe(ref MemoryMarshal.GetReference(weights), (nuint)(2 * p * BlockChannels));
            high.StoreUnsafe(ref MemoryMarshal.GetReference(weights), (nuint)((2 * p + 1) * BlockChannels));
            (Vector256<int> sums0, Vector256<int> sums1) = (Avx2.MultiplyAddAdjacent(low, Vector256<short>.One), Avx2.MultiplyAddAdjacent(high, Vector256<short>.One));
            weightSum0 += sums0;
            weightSum1 += sums1;
        }

        var requantize = new Int8RequantizationBlock(requantization, o, BlockChannels);
        Vector256<int> offset = Vector256.Create(inputOffset);
        Vector256<int> bias0 = (bias.IsEmpty ? Vector256<int>.Zero : Vector256.Create(bias.Slice(o, 8))) + offset * weightSum0;
        Vector256<int> bias1 = (bias.IsEmpty ? Vector256<int>.Zero : Vector256.Create(bias.Slice(o + 8, 8))) + offset * weightSum1;
        ref sbyte xRef = ref MemoryMarshal.GetReference(x), yRef = ref MemoryMarshal.GetReference(y);
        ref short weightsRef = ref MemoryMarshal.GetReference(weights);
        int lastY = (shape.KernelHeight - 1) * shape.DilationHeight, lastX = (shape.KernelWidth - 1) * shape.DilationWidth;
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            int originY = oy * shape.StrideHeight - shape.PadTop, originX = ox * shape.StrideWidth - shape.PadLeft;
            bool interior = originY >= 0 && originY + lastY < shape.InHeight && originX >= 0 && originX + lastX < shape.InWidth;
            ref sbyte origin = ref interior ? ref Unsafe.Add(ref xRef, ((b * shape.InHeight + originY) * shape.InWidth + originX) * shape.InChannels + o) : ref zeroPointRef;
            Vector256<int> sum0 = bias0, sum1 = bias1;
            for (int p = 0; p < pairs; p++)
            {
                ref sbyte tap0 = ref interior ? ref Unsafe.Add(ref origin, delta[2 * p]) : ref Tap(ref xRef, ref zeroPointRef, shape, b, originY + tapY[2 * p], originX + tapX[2 * p], o);
                ref sbyte tap1 = ref interior ? ref Unsafe.Add(ref origin, delta[2 * p + 1]) : ref Tap(ref xRef, ref zeroPointRef, shape, b, originY + tapY[2 * p + 1], originX + tapX[2 * p + 1], o);
                (Vector256<short> low, Vector256<short> high) = Interleave(Vector128.LoadUnsafe(ref tap0), Vector128.LoadUnsafe(ref tap1));
                sum0 += Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref weightsRef, (nuint)(2 * p * BlockChannels)));
                sum1 += Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref weightsRef, (nuint)((2 * p + 1) * BlockChannels)));
            }

            requantize.Apply(sum0, sum1).StoreUnsafe(ref yRef, (nuint)(((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels + o));
        }
    }

    /// <summary>The 16 channels of input pixel (iy, ix) from channel o, or the zero point when the pixel is padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref sbyte Tap(ref sbyte x, ref sbyte zeroPoint, in Int8ConvShape shape, int b, int iy, int ix, int o)
    {
        if ((uint)iy >= (uint)shape.InHeight || (uint)ix >= (uint)shape.InWidth)
        {
            return ref zeroPoint;
        }

        return ref Unsafe.Add(ref x, ((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.InChannels + o);
    }

    /// <summary>Channel c of a and b as the int16 pair (a[c], b[c]): channels 0-7, then 8-15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<short> Low, Vector256<short> High) Interleave(Vector128<sbyte> a, Vector128<sbyte> b) =>
        (Avx2.ConvertToVector256Int16(Sse2.UnpackLow(a, b)), Avx2.ConvertToVector256Int16(Sse2.UnpackHigh(a, b)));

    /// <summary>TFLite's reference loop nest.</summary>
    internal static void Reference(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                                   in Int8ConvShape shape, int inputOffset, in Requantization requantization)
    {
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        for (int o = 0; o < shape.OutChannels; o++)
        {
            int accumulator = Accumulate(x, w, shape, b, oy, ox, o, inputOffset);
            if (!bias.IsEmpty)
            {
                accumulator += bias[o];
            }

            y[((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels + o] = requantization.Apply(accumulator, o);
        }
    }

    /// <summary>sum over in-range taps of w * (x + inputOffset) for one output channel.</summary>
    private static int Accumulate(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, in Int8ConvShape shape,
                                  int b, int oy, int ox, int o, int inputOffset)
    {
        int depthMultiplier = shape.OutChannels / shape.InChannels, accumulator = 0;
        for (int ky = 0; ky < shape.KernelHeight; ky++)
        for (int kx = 0; kx < shape.KernelWidth; kx++)
        {
            int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
            int ix = ox * shape.StrideWidth - shape.PadLeft + kx * shape.DilationWidth;
            if (iy < 0 || iy >= shape.InHeight || ix < 0 || ix >= shape.InWidth)
            {
                continue;
            }

            int input = x[((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.InChannels + o / depthMultiplier];
            accumulator += w[(ky * shape.KernelWidth + kx) * shape.OutChannels + o] * (input + inputOffset);
        }

        return accumulator;
    }

    /// <summary>Sums of 16 adjacent channels starting at <paramref name="o"/> (multiplier 1), widened to int32 lanes.</summary>
    private static void AccumulateBlock(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, in Int8ConvShape shape,
                                        int b, int oy, int ox, int o, int inputOffset, Span<int> sums)
    {
        Vector128<int> offset = Vector128.Create(inputOffset);
        Vector128<int> sum0 = Vector128<int>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
        for (int ky = 0; ky < shape.KernelHeight; ky++)
        {
            int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
            if ((uint)iy >= (uint)shape.InHeight)
            {
                continue;
            }

            for (int kx = 0; kx < shape.KernelWidth; kx++)
            {
                int ix = ox * shape.StrideWidth - shape.PadLeft + kx * shape.DilationWidth;
                if ((uint)ix >= (uint)shape.InWidth)
                {
                    continue;
                }

                var xv = Vector128.Create(x.Slice(((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.InChannels + o, BlockChannels));
                var wv = Vector128.Create(w.Slice((ky * shape.KernelWidth + kx) * shape.OutChannels + o, BlockChannels));
                (Vector128<int> x0, Vector128<int> x1, Vector128<int> x2, Vector128<int> x3) = Int8Widening.ToInt32(xv);
                (Vector128<int> w0, Vector128<int> w1, Vector128<int> w2, Vector128<int> w3) = Int8Widening.ToInt32(wv);
                sum0 += (x0 + offset) * w0;
                sum1 += (x1 + offset) * w1;
                sum2 += (x2 + offset) * w2;
                sum3 += (x3 + offset) * w3;
            }
        }

        sum0.CopyTo(sums);
        sum1.CopyTo(sums.Slice(4));
        sum2.CopyTo(sums.Slice(8));
        sum3.CopyTo(sums.Slice(12));
    }
}
