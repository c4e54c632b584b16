namespace QuantizedModels.Runtime;

/// <summary>Geometry of an NCHW 2-D convolution with weights [M, C/group, KH, KW] and NCHW output.</summary>
public readonly struct Conv2DShape
{
    /// <summary>Creates the shape; bottom/right pads are implied by the output size.</summary>
    public Conv2DShape(int batch, int inChannels, int inHeight, int inWidth, int outChannels, int outHeight, int outWidth,
                       int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padLeft,
                       int dilationHeight, int dilationWidth, int groups)
    {
        Batch = batch;
        InChannels = inChannels;
        InHeight = inHeight;
        InWidth = inWidth;
        OutChannels = outChannels;
        OutHeight = outHeight;
        OutWidth = outWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
        Groups = groups;
    }

    /// <summary>N.</summary>
    public int Batch { get; }
    /// <summary>C, input channels over all groups.</summary>
    public int InChannels { get; }
    /// <summary>Input height.</summary>
    public int InHeight { get; }
    /// <summary>Input width.</summary>
    public int InWidth { get; }
    /// <summary>M, output channels over all groups.</summary>
    public int OutChannels { get; }
    /// <summary>Output height.</summary>
    public int OutHeight { get; }
    /// <summary>Output width.</summary>
    public int OutWidth { get; }
    /// <summary>KH.</summary>
    public int KernelHeight { get; }
    /// <summary>KW.</summary>
    public int KernelWidth { get; }
    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }
    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }
    /// <summary>Zero rows above the input.</summary>
    public int PadTop { get; }
    /// <summary>Zero columns left of the input.</summary>
    public int PadLeft { get; }
    /// <summary>Vertical tap spacing.</summary>
    public int DilationHeight { get; }
    /// <summary>Horizontal tap spacing.</summary>
    public int DilationWidth { get; }
    /// <summary>Channel groups; C and M are multiples of it (depthwise: groups == C).</summary>
    public int Groups { get; }
}
