namespace QuantizedModels.Runtime;

/// <summary>Geometry of an NCHW 2-D pooling window; pads are top, left, bottom, right and output dims are given.</summary>
public readonly struct Pool2DShape
{
    /// <summary>Creates the shape.</summary>
    public Pool2DShape(int batch, int channels, int inHeight, int inWidth, int outHeight, int outWidth,
                       int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                       int padTop, int padLeft, int padBottom, int padRight, int dilationHeight, int dilationWidth)
    {
        Batch = batch;
        Channels = channels;
        InHeight = inHeight;
        InWidth = inWidth;
        OutHeight = outHeight;
        OutWidth = outWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        PadBottom = padBottom;
        PadRight = padRight;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
    }

    /// <summary>N.</summary>
    public int Batch { get; }
    /// <summary>C.</summary>
    public int Channels { get; }
    /// <summary>Input height.</summary>
    public int InHeight { get; }
    /// <summary>Input width.</summary>
    public int InWidth { get; }
    /// <summary>Output height (ceil_mode is already reflected here).</summary>
    public int OutHeight { get; }
    /// <summary>Output width (ceil_mode is already reflected here).</summary>
    public int OutWidth { get; }
    /// <summary>KH.</summary>
    public int KernelHeight { get; }
    /// <summary>KW.</summary>
    public int KernelWidth { get; }
    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }
    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }
    /// <summary>Padding rows above.</summary>
    public int PadTop { get; }
    /// <summary>Padding columns on the left.</summary>
    public int PadLeft { get; }
    /// <summary>Padding rows below.</summary>
    public int PadBottom { get; }
    /// <summary>Padding columns on the right.</summary>
    public int PadRight { get; }
    /// <summary>Vertical tap spacing.</summary>
    public int DilationHeight { get; }
    /// <summary>Horizontal tap spacing.</summary>
    public int DilationWidth { get; }
}
