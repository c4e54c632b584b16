using System;
using KeywordSpotting.Cli;
using Xunit;

namespace KeywordSpotting.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Plain_paths_classify_files()
    {
        var options = CommandLine.Parse(["a.wav", "b.wav"]);

        Assert.Equal(CommandKind.ClassifyFiles, options.Kind);
        Assert.Equal(["a.wav", "b.wav"], options.Paths);
    }

    [Fact]
    public void Stream_takes_its_options()
    {
        var options = CommandLine.Parse(["--stream", "-", "--threshold", "0.6", "--step-ms", "100", "--refractory-ms", "500"]);

        Assert.Equal(CommandKind.Stream, options.Kind);
        Assert.Equal("-", Assert.Single(options.Paths));
        Assert.Equal(0.6f, options.Threshold);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Step);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Refractory);
    }

    [Fact]
    public void Evaluate_takes_a_folder_and_optional_list()
    {
        var options = CommandLine.Parse(["--evaluate", "data", "--list", "testing_list.txt"]);

        Assert.Equal(CommandKind.Evaluate, options.Kind);
        Assert.Equal("testing_list.txt", options.ListFile);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--stream")]
    [InlineData("--evaluate a b")]
    [InlineData("--threshold high a.wav")]
    [InlineData("--threshold 1.5 a.wav")]
    [InlineData("--step-ms")]
    [InlineData("--frobnicate a.wav")]
    public void Bad_arguments_are_reported(string commandLine) =>
        Assert.Throws<FormatException>(() => CommandLine.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
