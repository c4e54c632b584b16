using System;

namespace QuantizedModels.Runtime;

/// <summary>
/// Build-time packing of int8 weights for <c>Int8PackedGemm</c> and <c>Int8PackedConv2D</c>. Plain C#
/// with no spans or runtime dependencies so the source generator compiles the same file (as an internal type, so
/// the two never clash).
/// <para>
/// Weights [N][K] (FULLY_CONNECTED's [out, in], CONV_2D's OHWI flattened to [out, kh*kw*in]) become blocks of 16
/// output channels by 4 consecutive k: [ceil(N/16)][ceil(K/4)][16][4], zero-padded, the layout every instruction
/// set's microkernel reads (one 32-byte load feeds 8 channels of VPDPBUSD, one 16-byte load 4 channels of SDOT).
/// </para>
/// <para>
/// The bias absorbs the input offset: acc = sum x*w + (bias + offset * sum w), exact modulo 2^32 like the
/// reference's wrapping accumulator, so no bound on K is needed. It is stored twice, [2][ceil(N/16)*16]: first for
/// signed inputs, then for inputs biased to unsigned (x + 128, what VPDPBUSD multiplies), which subtracts another
/// 128 * sum w.
/// </para>
/// </summary>
#if QUANTIZED_MODELS_GENERATOR
internal
#else
public
#endif
static class Int8GemmPacking
{
    /// <summary>Output channels per packed block.</summary>
    public const int BlockChannels = 16;
    /// <summary>Consecutive k per packed group.</summary>
    public const int BlockDepth = 4;
    // Output pixels per im2col chunk: bounds the scratch buffer while keeping the GEMM rows long.
    internal const int Im2ColRows = 128;

    /// <summary>Length of <see cref="PackWeights"/>'s result.</summary>
    public static int PackedWeightsLength(int outChannels, int depth) => RoundUp(outChannels, BlockChannels) * RoundUp(depth, BlockDepth);

    /// <summary>Length of <see cref="PackBias"/>'s result.</summary>
    public static int PackedBiasLength(int outChannels) => 2 * RoundUp(outChannels, BlockChannels);

    /// <summary>Packs [outChannels][depth] row-major weights into the blocked layout.</summary>
    public static sbyte[] PackWeights(sbyte[] weights, int outChannels, int depth)
    {
        CheckLength(weights.Length, outChannels * depth, nameof(weights));
        var packed = new sbyte[PackedWeightsLength(outChannels, depth)];
        int groups = RoundUp(depth, BlockDepth) / BlockDepth;
        for (int n = 0; n < outChannels; n++)
        {
            for (int k = 0; k < depth; k++)
            {
                int block = (n / BlockChannels * groups + k / BlockDepth) * BlockChannels * BlockDepth;
                packed[block + n % BlockChannels * BlockDepth + k % BlockDepth] = weights[n * depth + k];
            }
        }

        return packed;
    }

    /// <summary>
    /// The folded bias of [outChannels][depth] weights for one input offset (minus the input zero point);
    /// bias: empty = none, else one int32 per output channel.
    /// </summary>
    public static int[] PackBias(sbyte[] weights, int[] bias, int outChannels, int depth, int inputOffset)
    {
        CheckLength(weights.Length, outChannels * depth, nameof(weights));
        if (bias.Length != 0)
        {
            CheckLength(bias.Length, outChannels, nameof(bias));
        }

        int padded = RoundUp(outChannels, BlockChannels);
        var packed = new int[2 * padded];
        for (int n = 0; n < outChannels; n++)
        {
            int weightSum = 0;
            for (int k = 0; k < depth; k++)
            {
                weightSum += weights[n * depth + k];
            }

            // Wrapping like the reference accumulator (the generator may compile with overflow checks on).
            unchecked
            {
                int folded = (bias.Length == 0 ? 0 : bias[n]) + inputOffset * weightSum;
                packed[n] = folded;
                packed[padded + n] = folded - 128 * weightSum;
            }
        }

        return packed;
    }

    /// <summary>
    /// True when a convolution is a GEMM straight on its NHWC input (1x1 kernel, stride 1, no padding, so output
    /// pixel p reads input pixel p): it needs no scratch.
    /// </summary>
    public static bool IsPointwiseConv2D(int inHeight, int inWidth, int outHeight, int outWidth, int kernelHeight, int kernelWidth,
                                         int strideHeight, int strideWidth, int padTop, int padLeft) =>
        kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1 && padTop == 0 && padLeft == 0 &&
        outHeight == inHeight && outWidth == inWidth;

    /// <summary>
    /// Scratch bytes <c>Int8PackedConv2D</c> needs: 0 for a pointwise convolution, else im2col rows of
    /// kh*kw*inChannels bytes for up to 128 output pixels at a time.
    /// </summary>
    public static int Conv2DScratchLength(int batch, int inHeight, int inWidth, int inChannels, int outHeight, int outWidth,
                                          int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padLeft)
    {
        if (IsPointwiseConv2D(inHeight, inWidth, outHeight, outWidth, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft))
        {
            return 0;
        }

        return Math.Min(batch * outHeight * outWidth, Im2ColRows) * kernelHeight * kernelWidth * inChannels;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} elements, got {actual}.", name);
        }
    }
}
