using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// ONNX Conv (NCHW, one group) with ternary weights {-a_o, 0, +a_o}: each output pixel's receptive field is gathered
/// into one row (zeros where the window leaves the padded input) and <see cref="TernaryGemm"/> adds and subtracts it
/// once per output channel, then multiplies by a_o. Binary weights are the case without zeros.
/// </summary>
/// <remarks>
/// The planes are <see cref="TernaryGemm"/>'s over each output channel's weights in ONNX order [C][KH][KW], so the
/// gathered row uses that order too. The row and the outputs of one pixel live on the stack, hence the limits.
/// </remarks>
public static class TernaryConv2D
{
    /// <summary>Largest C x KH x KW: the gathered row (16 KB of floats).</summary>
    public const int MaximumWindow = 4096;

    /// <summary>Largest number of output channels: one pixel's outputs (4 KB of floats).</summary>
    public const int MaximumOutChannels = 1024;

    /// <summary>Runs the convolution. bias: empty = none, else one value per output channel.</summary>
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<byte> planes, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias,
                           Span<float> y, in Conv2DShape shape, Activation activation)
    {
        int window = shape.InChannels * shape.KernelHeight * shape.KernelWidth;
        int pixels = shape.OutHeight * shape.OutWidth;
        if (shape.Groups != 1 || window > MaximumWindow || shape.OutChannels > MaximumOutChannels ||
            x.Length < shape.Batch * shape.InChannels * shape.InHeight * shape.InWidth || y.Length < shape.Batch * shape.OutChannels * pixels)
        {
            throw new ArgumentException("The ternary convolution's operands do not match its shape or exceed its limits.");
        }

        Span<float> row = stackalloc float[window];
        Span<float> outputs = stackalloc float[shape.OutChannels];
        for (int b = 0; b < shape.Batch; b++)
        {
            for (int oy = 0; oy < shape.OutHeight; oy++)
            {
                for (int ox = 0; ox < shape.OutWidth; ox++)
                {
                    Gather(x, shape, b, oy, ox, row);
                    TernaryGemm.Run(row, planes, scales, bias, outputs, 1, shape.OutChannels, window, activation);
                    int pixel = oy * shape.OutWidth + ox;
                    for (int o = 0; o < shape.OutChannels; o++)
                    {
                        y[(b * shape.OutChannels + o) * pixels + pixel] = outputs[o];
                    }
                }
            }
        }
    }

    /// <summary>The window of output pixel (oy, ox) in [C][KH][KW] order, zero outside the input.</summary>
    private static void Gather(ReadOnlySpan<float> x, in Conv2DShape shape, int b, int oy, int ox, Span<float> row)
    {
        int i = 0;
        for (int c = 0; c < shape.InChannels; c++)
        {
            ReadOnlySpan<float> plane = x.Slice((b * shape.InChannels + c) * shape.InHeight * shape.InWidth, shape.InHeight * shape.InWidth);
            for (int ky = 0; ky < shape.KernelHeight; ky++)
            {
                int iy = oy * shape.StrideHeight - shape.PadTop + ky * shape.DilationHeight;
                for (int kx = 0; kx < shape.KernelWidth; kx++)
                {
                    int ix = ox * shape.StrideWidth - shape.PadLeft + kx * shape.DilationWidth;
                    row[i++] = (uint)iy < (uint)shape.InHeight && (uint)ix < (uint)shape.InWidth ? plane[iy * shape.InWidth + ix] : 0f;
                }
            }
        }
    }
}
