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
    /// checked by the caller; kernel rows are a few bytes when the input has one channel, so they move 8 bytes at a
    /// time instead of through span slices and memmove calls, which cost more than the GEMM on them.
    /// </summary>
    private static void Im2Col(ref sbyte x, ref sbyte columns, int rows, in Int8ConvShape shape, int first, sbyte zeroPoint)
    {
        int channels = shape.InChannels, kernelW = shape.KernelWidth, tapBytes = kernelW * channels;
        for (int r = 0; r < rows; r++)
        {
            int pixel = first + r, ox = pixel % shape.OutWidth, oy = pixel / shape.OutWidth % shape.OutHeight;
            int b = pixel / (shape.OutWidth * shape.OutHeight);
            int originY = oy * shape.StrideHeight - shape.PadTop, originX = ox * shape.StrideWidth - shape.PadLeft;
            for (int ky = 0; ky < shape.KernelHeight; ky++)
            {
                ref sbyte kernelRow = ref Unsafe.Add(ref columns, (r * shape.KernelHeight + ky) * tapBytes);
                int iy = originY + ky * shape.DilationHeight;
                if ((uint)iy >= (uint)shape.InHeight)
                {
                    Fill(ref kernelRow, tapBytes, zeroPoint);
                    continue;
                }

                ref sbyte inputRow = ref Unsafe.Add(ref x, (b * shape.InHeight + iy) * shape.InWidth * channels);
                if (shape.DilationWidth == 1 && originX >= 0 && originX + kernelW <= shape.InWidth)
                {
                    // The whole kernel row is in range and adjacent in the input: one copy.
                    Copy(ref Unsafe.Add(ref inputRow, originX * channels), ref kernelRow, tapBytes);
                    continue;
                }

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
        }
    }

    private static void Copy(ref sbyte source, ref sbyte destination, int length)
    {
        int i = 0;
        for (; i + sizeof(long) <= length; i += sizeof(long))
        {
            Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref destination, i)),
                                  Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref source, i))));
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
        }
    }

    private static void Fill(ref sbyte destination, int length, sbyte value)
    {
        long pattern = (byte)value * 0x0101010101010101L;
        int i = 0;
        for (; i + sizeof(long) <= length; i += sizeof(long))
        {
            Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref destination, i)), pattern);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = value;
        }
    }
}
