using KeywordSpotting.Evaluation;
using KeywordSpotting.Model;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Counts_pairs_and_accuracy()
    {
        var matrix = new ConfusionMatrix();
        matrix.Add(9, 9);
        matrix.Add(9, KeywordLabels.Unknown);
        matrix.Add(KeywordLabels.Unknown, KeywordLabels.Unknown);
        matrix.Add(9, 9);

        Assert.Equal(4, matrix.Total);
        Assert.Equal(3, matrix.Correct);
        Assert.Equal(0.75, matrix.Accuracy);
        Assert.Equal(2, matrix[9, 9]);
        Assert.Equal(1, matrix[9, KeywordLabels.Unknown]);
        Assert.Equal(0, matrix[KeywordLabels.Unknown, 9]);
    }

    [Fact]
    public void Formats_one_row_per_true_class()
    {
        var matrix = new ConfusionMatrix();
        matrix.Add(0, 1);

        var lines = matrix.Format().TrimEnd().Split('\n');

        Assert.Equal(1 + KeywordLabels.Count, lines.Length);
        Assert.StartsWith("down", lines[1]);
        Assert.Equal(["down", "0", "1", "0"], lines[1].Split(' ', System.StringSplitOptions.RemoveEmptyEntries)[..4]);
    }
}
