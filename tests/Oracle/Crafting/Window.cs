namespace QuantizedModels.Oracle.Crafting;

/// <summary>TFLite's output size of a sliding window (ComputeOutSize).</summary>
public static class Window
{
    public static int Output(int input, int kernel, int stride, int dilation, Padding padding)
    {
        var effectiveKernel = ((kernel - 1) * dilation) + 1;
        return padding == Padding.Same ? (input + stride - 1) / stride : (input + stride - effectiveKernel) / stride;
    }
}
