namespace QuantizedModels.Runtime;

/// <summary>Where one output pixel's window starts in the input, and its taps [first, end) that fall inside it.</summary>
internal readonly struct ConvWindow
{
    public ConvWindow(in Conv2DShape s, int oh, int ow)
    {
        Top = oh * s.StrideHeight - s.PadTop;
        Left = ow * s.StrideWidth - s.PadLeft;
        WindowMath.TapRange(Top, s.DilationHeight, s.KernelHeight, s.InHeight, out int khFirst, out int khEnd);
        WindowMath.TapRange(Left, s.DilationWidth, s.KernelWidth, s.InWidth, out int kwFirst, out int kwEnd);
        KhFirst = khFirst;
        KhEnd = khEnd;
        KwFirst = kwFirst;
        KwEnd = kwEnd;
    }

    public int Top { get; }
    public int Left { get; }
    public int KhFirst { get; }
    public int KhEnd { get; }
    public int KwFirst { get; }
    public int KwEnd { get; }
}
