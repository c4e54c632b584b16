using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// TFLite int8 PAD / PADV2 on a tensor of rank 4 (lower ranks padded with leading 1s): the output is the input
/// surrounded by <c>value</c> (PAD's is the output zero point). Input and output share their quantization.
/// </summary>
public static class Int8Pad
{
    /// <summary>
    /// inShape: 4 dimensions; pads: 8 entries, the leading pads of the 4 dimensions then the trailing ones (ONNX's
    /// order). Rows of the innermost dimension are copied whole.
    /// </summary>
    public static void Run(ReadOnlySpan<sbyte> x, Span<sbyte> y, ReadOnlySpan<int> inShape, ReadOnlySpan<int> pads, sbyte value)
    {
        if (inShape.Length != 4 || pads.Length != 8)
        {
            throw new ArgumentException("PAD takes a 4-D shape and 8 pads.");
        }

        int d0 = inShape[0], d1 = inShape[1], d2 = inShape[2], d3 = inShape[3];
        int o1 = d1 + pads[1] + pads[5], o2 = d2 + pads[2] + pads[6], o3 = d3 + pads[3] + pads[7];
        if (x.Length < d0 * d1 * d2 * d3 || y.Length < (d0 + pads[0] + pads[4]) * o1 * o2 * o3)
        {
            throw new ArgumentException("The spans do not match the shape and pads.");
        }

        y.Fill(value);
        for (int i0 = 0; i0 < d0; i0++)
        for (int i1 = 0; i1 < d1; i1++)
        for (int i2 = 0; i2 < d2; i2++)
        {
            int source = ((i0 * d1 + i1) * d2 + i2) * d3;
            int target = (((i0 + pads[0]) * o1 + i1 + pads[1]) * o2 + i2 + pads[2]) * o3 + pads[3];
            x.Slice(source, d3).CopyTo(y.Slice(target, d3));
        }
    }
}
