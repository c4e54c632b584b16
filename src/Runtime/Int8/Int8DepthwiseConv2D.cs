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

    /// <summary>Runs the convolution. bias: empty = none, else one int32 per output channel.</summary>
    public static void Run(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                           in Int8ConvShape shape, int inputOffset, in Requantization requantization)
    {
        // With multiplier 1 input and output channels line up, so 16 channels accumulate per vector step.
        bool vectorBlocks = shape.OutChannels == shape.InChannels && Vector128.IsHardwareAccelerated;
        int blockedChannels = vectorBlocks ? shape.OutChannels - shape.OutChannels % BlockChannels : 0;
        if (Avx2.IsSupported && blockedChannels > 0)
        {
            if (x.Length < shape.Batch * shape.InHeight * shape.InWidth * shape.InChannels ||
                w.Length < shape.KernelHeight * shape.KernelWidth * shape.OutChannels ||
                y.Length < shape.Batch * shape.OutHeight * shape.OutWidth * shape.OutChannels ||
                (!bias.IsEmpty && bias.Length < shape.OutChannels))
            {
                throw new ArgumentException("The depthwise operands do not match the shape.");
            }

            for (int o = 0; o < blockedChannels; o += BlockChannels)
            {
                RunBlockAvx2(x, w, bias, y, shape, o, inputOffset, requantization);
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
    /// Channels [o, o + 16) over every output pixel on AVX2 (multiplier 1, lengths checked by the caller): two
    /// 8-lane int32 accumulators, sign-extended loads straight from memory, the requantization constants prepared
    /// once for the block. |x + offset| &lt;= 255 is not assumed; the int32 products wrap like the reference.
    /// </summary>
    private static void RunBlockAvx2(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> w, ReadOnlySpan<int> bias, Span<sbyte> y,
                                     in Int8ConvShape shape, int o, int inputOffset, in Requantization requantization)
    {
        var requantize = new Int8RequantizationBlock(requantization, o, BlockChannels);
        Vector256<int> offset = Vector256.Create(inputOffset);
        Vector256<int> bias0 = bias.IsEmpty ? Vector256<int>.Zero : Vector256.Create(bias.Slice(o, 8));
        Vector256<int> bias1 = bias.IsEmpty ? Vector256<int>.Zero : Vector256.Create(bias.Slice(o + 8, 8));
        ref sbyte xRef = ref MemoryMarshal.GetReference(x), wRef = ref MemoryMarshal.GetReference(w), yRef = ref MemoryMarshal.GetReference(y);
        for (int b = 0; b < shape.Batch; b++)
        for (int oy = 0; oy < shape.OutHeight; oy++)
        for (int ox = 0; ox < shape.OutWidth; ox++)
        {
            Vector256<int> sum0 = bias0, sum1 = bias1;
            int originY = oy * shape.StrideHeight - shape.PadTop, originX = ox * shape.StrideWidth - shape.PadLeft;
            int endY = Int8ConvShape.EndTap(originY, shape.DilationHeight, shape.InHeight, shape.KernelHeight);
            int firstX = Int8ConvShape.FirstTap(originX, shape.DilationWidth);
            int endX = Int8ConvShape.EndTap(originX, shape.DilationWidth, shape.InWidth, shape.KernelWidth);
            for (int ky = Int8ConvShape.FirstTap(originY, shape.DilationHeight); ky < endY; ky++)
            for (int kx = firstX; kx < endX; kx++)
            {
                int iy = originY + ky * shape.DilationHeight, ix = originX + kx * shape.DilationWidth;
                ref sbyte xp = ref Unsafe.Add(ref xRef, ((b * shape.InHeight + iy) * shape.InWidth + ix) * shape.InChannels + o);
                ref sbyte wp = ref Unsafe.Add(ref wRef, (ky * shape.KernelWidth + kx) * shape.OutChannels + o);
                sum0 += (WidenEight(ref xp) + offset) * WidenEight(ref wp);
                sum1 += (WidenEight(ref Unsafe.Add(ref xp, 8)) + offset) * WidenEight(ref Unsafe.Add(ref wp, 8));
            }

            requantize.Apply(sum0, sum1).StoreUnsafe(ref yRef, (nuint)(((b * shape.OutHeight + oy) * shape.OutWidth + ox) * shape.OutChannels + o));
        }
    }

    /// <summary>Eight int8 values sign-extended to int32 lanes (VPMOVSXBD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> WidenEight(ref sbyte source) =>
        Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref source))).AsSByte());

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
