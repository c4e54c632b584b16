using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace QuantizedModels.Build;

/// <summary>
/// Hands each model file's exact bytes to the source generator. Roslyn only reads additional files as text
/// (binary content fails with CS2015 or decodes lossily), so each file is written as base64 text under the
/// intermediate directory and returned as an <c>AdditionalFiles</c> item carrying its project-relative path.
/// </summary>
public sealed class EncodeModelFiles : Task
{
    /// <summary>Item metadata naming the original file's project-relative path; the generator matches on it.</summary>
    public const string SourceMetadata = "QuantizedModelSource";

    /// <summary>The <c>QuantizedModel</c> items: models, external-data and calibration files.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Directory that <c>[QuantizedModel]</c> paths are relative to.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>Directory that receives the base64 text files.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>One base64 text file per input file, with <see cref="SourceMetadata"/> set.</summary>
    [Output]
    public ITaskItem[] EncodedFiles { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var encoded = new List<ITaskItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            var fullPath = file.GetMetadata("FullPath");
            if (!seen.Add(fullPath))
            {
                continue;
            }

            var item = Encode(file, fullPath);
            if (item is not null)
            {
                encoded.Add(item);
            }
        }

        EncodedFiles = encoded.ToArray();
        return !Log.HasLoggedErrors;
    }

    private ITaskItem? Encode(ITaskItem file, string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            Log.LogError(null, "QMB001", null, null, 0, 0, 0, 0,
                "QuantizedModel item '{0}' refers to '{1}', which does not exist.", file.ItemSpec, fullPath);
            return null;
        }

        var relativePath = SourcePath(file, fullPath);
        if (relativePath is null)
        {
            Log.LogError(null, "QMB002", null, null, 0, 0, 0, 0,
                "QuantizedModel item '{0}' is on another volume than the project; give it Link metadata naming the path the attribute uses.", file.ItemSpec);
            return null;
        }

        var encodedPath = ProjectRelativePath.EncodedFilePath(OutputDirectory, relativePath);
        var written = ChangedContentWriter.WriteIfChanged(encodedPath, Convert.ToBase64String(File.ReadAllBytes(fullPath)));
        Log.LogMessage(MessageImportance.Low, written ? "Encoded '{0}' to '{1}'." : "'{1}' is up to date with '{0}'.", relativePath, encodedPath);

        var item = new TaskItem(encodedPath);
        item.SetMetadata(SourceMetadata, relativePath);
        return item;
    }

    /// <summary>A <c>Link</c> names where a file outside the project cone appears to be, as for compile items.</summary>
    private string? SourcePath(ITaskItem file, string fullPath)
    {
        var link = file.GetMetadata("Link");
        return string.IsNullOrEmpty(link)
            ? ProjectRelativePath.Of(fullPath, ProjectDirectory)
            : link.Replace('\\', '/');
    }
}
