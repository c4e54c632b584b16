namespace QuantizedModels.Oracle.Crafting;

/// <summary>TFLite's output size and padding of a sliding window (ComputeOutSize, ComputePaddingHeightWidth).</summary>
public static class Window
{
    public static int Output(int input, int kernel, int stride, int dilation, Padding padding)
    {
        var effectiveKernel = ((kernel - 1) * dilation) + 1;
        return padding == Padding.Same ? (input + stride - 1) / stride : (input + stride - effectiveKernel) / stride;
    }

    /// <summary>The padding before the first element: half the shortfall, rounded down (the larger half goes after).</summary>
    public static int PadBefore(int input, int kernel, int stride, int dilation, Padding padding)
    {
        var total = ((Output(input, kernel, stride, dilation, padding) - 1) * stride) + ((kernel - 1) * dilation) + 1 - input;
        return total > 0 ? total / 2 : 0;
    }
}
