using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// Depthwise stride-1 conv over a zero-padded copy of each input plane: in the padded plane's row pitch every tap is
/// one contiguous multiply-add over the flattened output, so narrow maps (keyword spotters' 25x5) still run whole
/// vectors. Each output sums bias then taps in <see cref="Conv2D.Reference"/>'s order; taps over padding add an exact
/// zero product, which leaves the sum unchanged (finite weights), so results equal the reference's.
/// </summary>
internal static class PaddedPlaneConv
{
    /// <summary>Floats in each of the two stack planes a caller provides (16 KiB).</summary>
    public const int PlaneCapacity = 4096;

    public static bool Applies(in Conv2DShape s) =>
        s.Groups == s.InChannels && s.OutChannels == s.InChannels && s.StrideHeight == 1 && s.StrideWidth == 1 &&
        PaddedHeight(s) * PaddedWidth(s) <= PlaneCapacity;

    /// <summary>Writes bias + sum (no activation) for every channel of one batch item.</summary>
    public static void Run(ReadOnlySpan<float> xBatch, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> yBatch,
                           in Conv2DShape s, Span<float> padded, Span<float> sums)
    {
        int pitch = PaddedWidth(s), taps = s.KernelHeight * s.KernelWidth;
        int inPlane = s.InHeight * s.InWidth, outPlane = s.OutHeight * s.OutWidth;
        // Output (oh, ow) sits at oh * pitch + ow; the columns past OutWidth in each pitch are computed and dropped.
        int length = (s.OutHeight - 1) * pitch + s.OutWidth;
        padded = padded.Slice(0, PaddedHeight(s) * pitch);
        sums = sums.Slice(0, length);
        // Bottom and right pads may be negative (rows or columns the window never reaches): copy only what fits.
        int rows = Math.Min(s.InHeight, PaddedHeight(s) - s.PadTop), columns = Math.Max(0, Math.Min(s.InWidth, pitch - s.PadLeft));
        padded.Clear();
        for (int c = 0; c < s.OutChannels; c++)
        {
            ReadOnlySpan<float> xPlane = xBatch.Slice(c * inPlane, inPlane);
            CopyRows(xPlane, s.InWidth, padded.Slice(s.PadTop * pitch + s.PadLeft), pitch, rows, columns);

            sums.Fill(bias.IsEmpty ? 0f : bias[c]);
            for (int kh = 0; kh < s.KernelHeight; kh++)
            {
                for (int kw = 0; kw < s.KernelWidth; kw++)
                {
                    int offset = kh * s.DilationHeight * pitch + kw * s.DilationWidth;
                    VectorLoops.MultiplyAccumulate(padded.Slice(offset, length), w[c * taps + kh * s.KernelWidth + kw], sums);
                }
            }

            Span<float> yPlane = yBatch.Slice(c * outPlane, outPlane);
            CopyRows(sums, pitch, yPlane, s.OutWidth, s.OutHeight, s.OutWidth);
        }
    }

    /// <summary>Copies rows x columns between row pitches; an element loop, as rows are a few floats (CopyTo's call costs more).</summary>
    private static void CopyRows(ReadOnlySpan<float> source, int sourcePitch, Span<float> target, int targetPitch, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> from = source.Slice(r * sourcePitch, columns);
            Span<float> to = target.Slice(r * targetPitch, columns);
            for (int i = 0; i < from.Length; i++)
            {
                to[i] = from[i];
            }
        }
    }

    private static int PaddedHeight(in Conv2DShape s) => s.OutHeight + (s.KernelHeight - 1) * s.DilationHeight;

    private static int PaddedWidth(in Conv2DShape s) => s.OutWidth + (s.KernelWidth - 1) * s.DilationWidth;
}
