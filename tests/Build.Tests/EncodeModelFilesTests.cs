using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using QuantizedModels.Build.Tests.Support;
using Xunit;

namespace QuantizedModels.Build.Tests;

public sealed class EncodeModelFilesTests : IDisposable
{
    private readonly TempDirectory _project = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void EveryByteValueSurvivesEncoding()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var encoded = EncodeOne("Models/allbytes.onnx", bytes);

        Assert.Equal(bytes, Convert.FromBase64String(File.ReadAllText(encoded.ItemSpec)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(65_537)]
    [InlineData(4 * 1024 * 1024 + 3)]
    public void RandomDataSurvivesEncoding(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);

        var encoded = EncodeOne("Models/random.onnx", bytes);

        Assert.Equal(bytes, Convert.FromBase64String(File.ReadAllText(encoded.ItemSpec)));
    }

    [Fact]
    public void OutputCarriesTheProjectRelativePathWithForwardSlashes()
    {
        var encoded = EncodeOne("Models/sub/net.onnx", new byte[] { 1, 2, 3 });

        Assert.Equal("Models/sub/net.onnx", encoded.GetMetadata(EncodeModelFiles.SourceMetadata));
        Assert.StartsWith(_project.Combine("obj", "QuantizedModels"), encoded.ItemSpec, StringComparison.Ordinal);
    }

    [Fact]
    public void SpacesAndUriCharactersInNamesArePreserved()
    {
        var encoded = EncodeOne("My Models/net #1 (v2).onnx", new byte[] { 1 });

        Assert.Equal("My Models/net #1 (v2).onnx", encoded.GetMetadata(EncodeModelFiles.SourceMetadata));
    }

    [Fact]
    public void UnchangedContentKeepsTheFileTimestamp()
    {
        var encoded = EncodeOne("Models/net.onnx", new byte[] { 1, 2, 3 });
        var earlier = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(encoded.ItemSpec, earlier);

        var again = EncodeOne("Models/net.onnx", new byte[] { 1, 2, 3 });

        Assert.Equal(earlier, File.GetLastWriteTimeUtc(again.ItemSpec));
    }

    [Fact]
    public void ChangedContentRewritesTheFile()
    {
        var encoded = EncodeOne("Models/net.onnx", new byte[] { 1, 2, 3 });
        File.SetLastWriteTimeUtc(encoded.ItemSpec, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var again = EncodeOne("Models/net.onnx", new byte[] { 1, 2, 4 });

        Assert.Equal(new byte[] { 1, 2, 4 }, Convert.FromBase64String(File.ReadAllText(again.ItemSpec)));
        Assert.True(File.GetLastWriteTimeUtc(again.ItemSpec) > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public void AFileOutsideTheProjectKeepsItsRelativePathAndEncodesInsideTheOutputDirectory()
    {
        var shared = _project.Combine("shared", "net.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
        File.WriteAllBytes(shared, new byte[] { 9 });

        var result = RunIn(_project.Combine("app"), new TaskItem(shared));

        var encoded = Assert.Single(result);
        Assert.Equal("../shared/net.onnx", encoded.GetMetadata(EncodeModelFiles.SourceMetadata));
        Assert.StartsWith(_project.Combine("app", "obj", "QuantizedModels"), encoded.ItemSpec, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkMetadataNamesTheSourcePath()
    {
        var path = Write("elsewhere/weights.bin", new byte[] { 7 });
        var item = new TaskItem(path);
        item.SetMetadata("Link", @"Models\weights.bin");

        var encoded = Assert.Single(Run(item));

        Assert.Equal("Models/weights.bin", encoded.GetMetadata(EncodeModelFiles.SourceMetadata));
    }

    [Fact]
    public void AFileListedTwiceIsEncodedOnce()
    {
        var path = Write("Models/net.onnx", new byte[] { 1 });

        Assert.Single(Run(new TaskItem(path), new TaskItem(path)));
    }

    [Fact]
    public void AMissingFileIsAnErrorNamingTheItem()
    {
        var task = CreateTask(_project.Path, new TaskItem("Models/missing.onnx"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("QMB001", error.Code);
        Assert.Contains("Models/missing.onnx", error.Message, StringComparison.Ordinal);
        Assert.Empty(task.EncodedFiles);
    }

    private ITaskItem EncodeOne(string relativePath, byte[] bytes) =>
        Assert.Single(Run(new TaskItem(Write(relativePath, bytes))));

    private string Write(string relativePath, byte[] bytes)
    {
        var path = _project.Combine(relativePath.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private ITaskItem[] Run(params ITaskItem[] files) => RunIn(_project.Path, files);

    private ITaskItem[] RunIn(string projectDirectory, params ITaskItem[] files)
    {
        var task = CreateTask(projectDirectory, files);
        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
        return task.EncodedFiles;
    }

    private EncodeModelFiles CreateTask(string projectDirectory, params ITaskItem[] files) => new()
    {
        BuildEngine = _engine,
        Files = files,
        ProjectDirectory = projectDirectory,
        OutputDirectory = Path.Combine(projectDirectory, "obj", "QuantizedModels"),
    };
}
