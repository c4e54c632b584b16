using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 CONV_2D on weights packed by <see cref="Int8GemmPacking"/> (OHWI flattened to [out, kh*kw*in]):
/// a pointwise convolution is one <see cref="Int8PackedGemm"/> on the NHWC input; any other runs im2col chunks of
/// up to 128 output pixels through the scratch buffer. Equal bit for bit to <see cref="Int8Conv2D"/>.
/// </summary>
public static class Int8PackedConv2D
{
    /// <summary>
    /// Runs the convolution. inputOffset must be the one the bias was packed with; scratch holds at least
    /// <see cref="Int8GemmPacking.Conv2DScratchLength"/> bytes.
    /// </summary>
    public static void Run(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> packedWeights, ReadOnlySpan<int> packedBias, Span<sbyte> scratch,
                           Span<sbyte> y, in Int8ConvShape shape, int inputOffset, in Requantization requantization)
    {
        int depth = shape.KernelHeight * shape.KernelWidth * shape.InChannels, pixels = shape.Batch * shape.OutHeight * shape.OutWidth;
        if (Int8GemmPacking.IsPointwiseConv2D(shape.InHeight, shape.InWidth, shape.OutHeight, shape.OutWidth, shape.KernelHeight,
                                              shape.KernelWidth, shape.StrideHeight, shape.StrideWidth, shape.PadTop, shape.PadLeft))
        {
            Int8PackedGemm.Run(x, packedWeights, packedBias, y, pixels, shape.OutChannels, depth, requantization);
            return;
        }

        // A padded tap must contribute (x + inputOffset) * w = 0, so it holds the input zero point.
        if (inputOffset < -127 || inputOffset > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(inputOffset), inputOffset, "The input zero point must be an int8.");
        }

        int chunk = Math.Min(pixels, Int8GemmPacking.Im2ColRows);
        if (x.Length < shape.Batch * shape.InHeight * shape.InWidth * shape.InChannels || scratch.Length < chunk * depth)
        {
            throw new ArgumentException("The input or the scratch buffer is shorter than the shape needs.");
        }

        for (int first = 0; first < pixels; first += chunk)
        {
            int rows = Math.Min(chunk, pixels - first);
            Im2Col(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(scratch), rows, shape, first, (sbyte)-inputOffset);
            Int8PackedGemm.Run(scratch.Slice(0, rows * depth), packedWeights, packedBias, y.Slice(first * shape.OutChannels, rows * shape.OutChannels),
                               rows, shape.OutChannels, depth, requantization);
        }
    }

    /// <summary>
    /// Row r of <paramref name="columns"/> = the kh*kw*in window of output pixel first + r, in OHWI order. Lengths are
    /// checked by the caller. The pixels go by output row, so the divisions and the vertical bounds are per output
    /// row and kernel row; an inner kernel row is one copy. With one input channel it is a few bytes, so copies move
    /// overlapping words instead of going through span slices and memmove calls, which cost more than the GEMM.
    /// </summary>
    private static void Im2Col(ref sbyte x, ref sbyte columns, int rows, in Int8ConvShape shape, int first, sbyte zeroPoint)
    {
        int channels = shape.InChannels, kernelW = shape.KernelWidth, tapBytes = kernelW * channels;
        int depth = shape.KernelHeight * tapBytes, outW = shape.OutWidth, inW = shape.InWidth, strideW = shape.StrideWidth;
        // The last input column an unclipped kernel row may start at; -1 when dilated (every row goes tap by tap).
        int lastStart = shape.DilationWidth == 1 ? inW - kernelW : -1;
        for (int r = 0; r < rows;)
        {
            int pixel = first + r, ox0 = pixel % outW, oy = pixel / outW % shape.OutHeight, b = pixel / (outW * shape.OutHeight);
            int count = Math.Min(outW - ox0, rows - r);
            ref sbyte segment = ref Unsafe.Add(ref columns, r * depth);
            for (int ky = 0; ky < shape.KernelHeight; ky++)
            {
                ref sbyte kernelRows = ref Unsafe.Add(ref segment, ky * tapBytes);
                int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
                if ((uint)iy >= (uint)shape.InHeight)
                {
                    for (int i = 0; i < count; i++)
                    {
                        Fill(ref Unsafe.Add(ref kernelRows, i * depth), tapBytes, zeroPoint);
                    }

                    continue;
                }

                ref sbyte inputRow = ref Unsafe.Add(ref x, (b * shape.InHeight + iy) * inW * channels);
                for (int i = 0; i < count; i++)
                {
                    int originX = (ox0 + i) * strideW - shape.PadLeft;
                    ref sbyte kernelRow = ref Unsafe.Add(ref kernelRows, i * depth);
                    if (originX >= 0 && originX <= lastStart)
                    {
                        Copy(ref Unsafe.Add(ref inputRow, originX * channels), ref kernelRow, tapBytes);
                    }
                    else if (shape.DilationWidth == 1)
                    {
                        // Zero point around the taps [inside, end) that are in the input; those are one copy. Inline,
                        // as padded edges are frequent on narrow inputs (2 of 5 output columns here).
                        int inside = Math.Clamp(-originX, 0, kernelW), end = Math.Clamp(inW - originX, inside, kernelW);
                        Fill(ref kernelRow, tapBytes, zeroPoint);
                        if (end > inside)
                        {
                            Copy(ref Unsafe.Add(ref inputRow, (originX + inside) * channels), ref Unsafe.Add(ref kernelRow, inside * channels),
                                 (end - inside) * channels);
                        }
                    }
                    else
                    {
                        CopyDilated(ref inputRow, ref kernelRow, originX, shape, zeroPoint);
                    }
                }
            }

            r += count;
        }
    }

    /// <summary>A dilated kernel row, tap by tap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CopyDilated(ref sbyte inputRow, ref sbyte kernelRow, int originX, in Int8ConvShape shape, sbyte zeroPoint)
    {
        int channels = shape.InChannels, kernelW = shape.KernelWidth;
        for (int kx = 0; kx < kernelW; kx++)
        {
            int ix = originX + kx * shape.DilationWidth;
            ref sbyte tap = ref Unsafe.Add(ref kernelRow, kx * channels);
            if ((uint)ix >= (uint)shape.InWidth)
            {
                Fill(ref tap, channels, zeroPoint);
            }
            else
            {
                Copy(ref Unsafe.Add(ref inputRow, ix * channels), ref tap, channels);
            }
        }
    }

    /// <summary>Copies length bytes; from 4 bytes on, the last word overlaps the one before instead of a byte loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref sbyte source, ref sbyte destination, int length)
    {
        ref byte from = ref Unsafe.As<sbyte, byte>(ref source), to = ref Unsafe.As<sbyte, byte>(ref destination);
        if (length >= sizeof(long))
        {
            for (int i = 0; i < length - sizeof(long); i += sizeof(long))
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, i), Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref from, i)));
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - sizeof(long)), Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref from, length - sizeof(long))));
        }
        else if (length >= sizeof(int))
        {
            int head = Unsafe.ReadUnaligned<int>(ref from), tail = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref from, length - sizeof(int)));
            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - sizeof(int)), tail);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            }
        }
    }

    /// <summary>Sets length bytes to value, with overlapping words as <see cref="Copy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fill(ref sbyte destination, int length, sbyte value)
    {
        ref byte to = ref Unsafe.As<sbyte, byte>(ref destination);
        long pattern = (byte)value * 0x0101010101010101L;
        if (length >= sizeof(long))
        {
            for (int i = 0; i < length - sizeof(long); i += sizeof(long))
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, i), pattern);
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - sizeof(long)), pattern);
        }
        else if (length >= sizeof(int))
        {
            Unsafe.WriteUnaligned(ref to, (int)pattern);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - sizeof(int)), (int)pattern);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                Unsafe.Add(ref to, i) = (byte)value;
            }
        }
    }
}
