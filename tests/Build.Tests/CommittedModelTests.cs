using System;
using System.IO;
using QuantizedModels.Build.Tests.Support;
using Xunit;

namespace QuantizedModels.Build.Tests;

/// <summary>
/// The committed fixture model is exactly what <see cref="AllBytesModel"/> writes. Set
/// <c>QM_UPDATE_FIXTURES=1</c> to rewrite it after changing the writer.
/// </summary>
public sealed class CommittedModelTests
{
    [Fact]
    public void AllBytesFixtureMatchesItsWriter()
    {
        var path = Path.Combine(TestEnvironment.FixturesDirectory, "ExactBytes", AllBytesModel.RelativePath);
        var expected = AllBytesModel.Build();
        if (Environment.GetEnvironmentVariable("QM_UPDATE_FIXTURES") == "1")
        {
            File.WriteAllBytes(path, expected);
        }

        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void AllBytesFixtureHoldsEveryByteValue()
    {
        var path = Path.Combine(TestEnvironment.FixturesDirectory, "ExactBytes", AllBytesModel.RelativePath);

        Assert.Equal(256, new System.Collections.Generic.HashSet<byte>(File.ReadAllBytes(path)).Count);
    }
}
