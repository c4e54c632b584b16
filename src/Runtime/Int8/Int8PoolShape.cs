namespace QuantizedModels.Runtime;

/// <summary>Geometry of an NHWC int8 pooling window; top/left pads given, bottom/right implied by the output size.</summary>
public readonly struct Int8PoolShape
{
    /// <summary>Creates the shape.</summary>
    public Int8PoolShape(int batch, int inHeight, int inWidth, int channels, int outHeight, int outWidth,
                         int filterHeight, int filterWidth, int strideHeight, int strideWidth, int padTop, int padLeft)
    {
        Batch = batch;
        InHeight = inHeight;
        InWidth = inWidth;
        Channels = channels;
        OutHeight = outHeight;
        OutWidth = outWidth;
        FilterHeight = filterHeight;
        FilterWidth = filterWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadLeft = padLeft;
    }

    /// <summary>N.</summary>
    public int Batch { get; }
    /// <summary>Input height.</summary>
    public int InHeight { get; }
    /// <summary>Input width.</summary>
    public int InWidth { get; }
    /// <summary>Channels (input and output).</summary>
    public int Channels { get; }
    /// <summary>Output height.</summary>
    public int OutHeight { get; }
    /// <summary>Output width.</summary>
    public int OutWidth { get; }
    /// <summary>Window height.</summary>
    public int FilterHeight { get; }
    /// <summary>Window width.</summary>
    public int FilterWidth { get; }
    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }
    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }
    /// <summary>Rows of padding above the input.</summary>
    public int PadTop { get; }
    /// <summary>Columns of padding left of the input.</summary>
    public int PadLeft { get; }
}
