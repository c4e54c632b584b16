using QuantizedModels.Generator.Quantization.LowBit;
using Xunit;

namespace QuantizedModels.Generator.Tests.Quantization;

public class LowBitWeightsTests
{
    [Fact]
    public void Trained_ternary_channels_are_kept_exactly()
    {
        // Two rows of nine weights: {-0.5, 0, +0.5} and all zeros; nine columns need two bytes per plane.
        var weights = new[] { 0.5f, -0.5f, 0f, 0.5f, 0f, 0f, 0f, 0f, -0.5f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f };

        var ternary = TernaryWeights.From(weights, outputs: 2, inputs: 9);

        Assert.Equal(2, ternary.ExactChannels);
        Assert.Equal(new[] { 0.5f, 0f }, ternary.Scales);
        Assert.Equal(new byte[] { 0b1001, 0, 0b0010, 0b1, 0, 0, 0, 0 }, ternary.Planes);
        Assert.Equal(14, ternary.Zeros);
    }

    [Fact]
    public void Other_channels_follow_the_twn_rule()
    {
        // mean |w| = 0.825, threshold 0.7 x 0.825 = 0.5775: 1 and -2 are kept, a = (1 + 2) / 2.
        var ternary = TernaryWeights.From(new[] { 1f, -0.1f, 0.2f, -2f }, outputs: 1, inputs: 4);

        Assert.Equal(0, ternary.ExactChannels);
        Assert.Equal(new[] { 1.5f }, ternary.Scales);
        Assert.Equal(new byte[] { 0b0001, 0b1000 }, ternary.Planes);
        Assert.Equal(2, ternary.Zeros);
    }

    [Fact]
    public void Binary_channels_are_exact_when_trained_binary_else_sign_times_mean_magnitude()
    {
        // Row 0 is {-0.25, +0.25}; row 1 has mean |w| = 1 and its zero counts as +.
        var binary = BinaryWeights.From(new[] { 0.25f, -0.25f, -0.25f, 2f, 0f, -1f }, outputs: 2, inputs: 3);

        Assert.Equal(1, binary.ExactChannels);
        Assert.Equal(new[] { 0.25f, 1f }, binary.Scales);
        Assert.Equal(new[] { 0.25f, -0.25f, -0.25f, 1f, 1f, -1f }, binary.Values);
        Assert.Equal(new ulong[] { 0b001, 0b011 }, binary.Bits());
    }

    [Fact]
    public void Sparse_rows_keep_nonzeros_in_column_order()
    {
        var sparse = SparseWeights.From(new[] { 0f, 2f, 0f, -1f, 0f, 0f, 3f, 0f, 0f }, outputs: 3, inputs: 3);

        Assert.Equal(new[] { 2f, -1f, 3f }, sparse.Values);
        Assert.Equal(new ushort[] { 1, 0, 0 }, sparse.Columns);
        Assert.Equal(new[] { 0, 1, 2, 3 }, sparse.RowStarts);
    }
}
