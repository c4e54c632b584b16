using System;

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
        for (int first = 0; first < pixels; first += chunk)
        {
            int rows = Math.Min(chunk, pixels - first);
            Span<sbyte> columns = scratch.Slice(0, rows * depth);
            Im2Col(x, columns, shape, first, (sbyte)-inputOffset);
            Int8PackedGemm.Run(columns, packedWeights, packedBias, y.Slice(first * shape.OutChannels, rows * shape.OutChannels),
                               rows, shape.OutChannels, depth, requantization);
        }
    }

    /// <summary>Row r of <paramref name="columns"/> = the kh*kw*in window of output pixel first + r, in OHWI order.</summary>
    private static void Im2Col(ReadOnlySpan<sbyte> x, Span<sbyte> columns, in Int8ConvShape shape, int first, sbyte zeroPoint)
    {
        int channels = shape.InChannels, kernelW = shape.KernelWidth, rowLength = shape.KernelHeight * kernelW * channels;
        for (int r = 0; r < columns.Length / rowLength; r++)
        {
            int pixel = first + r, ox = pixel % shape.OutWidth, oy = pixel / shape.OutWidth % shape.OutHeight;
            int b = pixel / (shape.OutWidth * shape.OutHeight);
            int originY = oy * shape.StrideHeight - shape.PadTop, originX = ox * shape.StrideWidth - shape.PadLeft;
            for (int ky = 0; ky < shape.KernelHeight; ky++)
            {
                Span<sbyte> kernelRow = columns.Slice(r * rowLength + ky * kernelW * channels, kernelW * channels);
                int iy = originY + ky * shape.DilationHeight;
                if ((uint)iy >= (uint)shape.InHeight)
                {
                    kernelRow.Fill(zeroPoint);
                    continue;
                }

                ReadOnlySpan<sbyte> inputRow = x.Slice((b * shape.InHeight + iy) * shape.InWidth * channels, shape.InWidth * channels);
                if (shape.DilationWidth == 1 && originX >= 0 && originX + kernelW <= shape.InWidth)
                {
                    // The whole kernel row is in range and adjacent in the input: one copy.
                    inputRow.Slice(originX * channels, kernelW * channels).CopyTo(kernelRow);
                    continue;
                }

                for (int kx = 0; kx < kernelW; kx++)
                {
                    int ix = originX + kx * shape.DilationWidth;
                    Span<sbyte> tap = kernelRow.Slice(kx * channels, channels);
                    if ((uint)ix >= (uint)shape.InWidth)
                    {
                        tap.Fill(zeroPoint);
                    }
                    else
                    {
                        inputRow.Slice(ix * channels, channels).CopyTo(tap);
                    }
                }
            }
        }
    }
}
