using KeywordSpotting.Model;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class KeywordLabelsTests
{
    [Theory]
    [InlineData("down", 0)]
    [InlineData("yes", 9)]
    [InlineData("Stop", 7)]
    [InlineData("_silence_", KeywordLabels.Silence)]
    [InlineData("marvin", KeywordLabels.Unknown)]
    [InlineData("seven", KeywordLabels.Unknown)]
    [InlineData("unknown", KeywordLabels.Unknown)]
    public void Maps_words_to_classes(string word, int expected) =>
        Assert.Equal(expected, KeywordLabels.FromWord(word));

    [Fact]
    public void Labels_follow_the_model_output_order() =>
        Assert.Equal(
            ["down", "go", "left", "no", "off", "on", "right", "stop", "up", "yes", "silence", "unknown"],
            KeywordLabels.All.ToArray());
}
