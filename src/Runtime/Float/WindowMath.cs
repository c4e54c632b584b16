namespace QuantizedModels.Runtime;

/// <summary>Closed-form bounds of sliding windows, so kernels loop only over in-range taps instead of testing each.</summary>
internal static class WindowMath
{
    /// <summary>
    /// The taps [first, end) of a window of <paramref name="kernel"/> taps starting at <paramref name="start"/> with
    /// spacing <paramref name="dilation"/> whose positions fall in [0, <paramref name="size"/>). Empty gives first == end.
    /// </summary>
    public static void TapRange(int start, int dilation, int kernel, int size, out int first, out int end)
    {
        if (dilation == 1)
        {
            // The common case, called per output pixel by pooling and channel-blocked conv: no division.
            first = System.Math.Min(kernel, System.Math.Max(0, -start));
            end = System.Math.Max(first, System.Math.Min(kernel, size - start));
            return;
        }

        first = start >= 0 ? 0 : System.Math.Min(kernel, CeilDiv(-start, dilation));
        end = size > start ? System.Math.Min(kernel, CeilDiv(size - start, dilation)) : 0;
        if (end < first)
        {
            end = first;
        }
    }

    /// <summary>
    /// The outputs [first, end) among <paramref name="outSize"/> whose input position o * stride + offset falls in
    /// [0, <paramref name="inSize"/>). Empty gives first == end.
    /// </summary>
    public static void OutputRange(int offset, int stride, int inSize, int outSize, out int first, out int end) =>
        TapRange(offset, stride, outSize, inSize, out first, out end);

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
