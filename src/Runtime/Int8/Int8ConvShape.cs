using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// Geometry of an NHWC int8 convolution (regular or depthwise). Only the top/left pads are given; the bottom/right
/// ones follow from the output size, as in TFLite.
/// </summary>
public readonly struct Int8ConvShape
{
    /// <summary>Creates the shape.</summary>
    public Int8ConvShape(int batch, int inHeight, int inWidth, int inChannels, int outHeight, int outWidth, int outChannels,
                         int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padLeft,
                         int dilationHeight, int dilationWidth)
    {
        Batch = batch;
        InHeight = inHeight;
        InWidth = inWidth;
        InChannels = inChannels;
        OutHeight = outHeight;
        OutWidth = outWidth;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
    }

    /// <summary>N.</summary>
    public int Batch { get; }
    /// <summary>Input height.</summary>
    public int InHeight { get; }
    /// <summary>Input width.</summary>
    public int InWidth { get; }
    /// <summary>Input channels.</summary>
    public int InChannels { get; }
    /// <summary>Output height.</summary>
    public int OutHeight { get; }
    /// <summary>Output width.</summary>
    public int OutWidth { get; }
    /// <summary>Output channels (inChannels * depth multiplier for depthwise).</summary>
    public int OutChannels { get; }
    /// <summary>Kernel height.</summary>
    public int KernelHeight { get; }
    /// <summary>Kernel width.</summary>
    public int KernelWidth { get; }
    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }
    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }
    /// <summary>Rows of padding above the input.</summary>
    public int PadTop { get; }
    /// <summary>Columns of padding left of the input.</summary>
    public int PadLeft { get; }
    /// <summary>Vertical dilation.</summary>
    public int DilationHeight { get; }
    /// <summary>Horizontal dilation.</summary>
    public int DilationWidth { get; }

    /// <summary>First kernel tap whose input coordinate origin + tap * dilation is at least 0.</summary>
    internal static int FirstTap(int origin, int dilation) => origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;

    /// <summary>One past the last kernel tap whose input coordinate is below the input size (never below 0).</summary>
    internal static int EndTap(int origin, int dilation, int inSize, int kernelSize) =>
        origin >= inSize ? 0 : Math.Min(kernelSize, (inSize - origin + dilation - 1) / dilation);
}
