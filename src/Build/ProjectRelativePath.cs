using System;
using System.Collections.Generic;
using System.IO;

namespace QuantizedModels.Build;

/// <summary>
/// The path by which a <c>[QuantizedModel]</c> attribute names a file: relative to the project directory,
/// forward slashes, as the generator matches it.
/// </summary>
internal static class ProjectRelativePath
{
    private static readonly char[] Separators = { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };

    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <returns>The relative path, or <see langword="null"/> when the file is on another volume.</returns>
    public static string? Of(string fullPath, string projectDirectory)
    {
        var fileFullPath = Path.GetFullPath(fullPath);
        var projectFullPath = Path.GetFullPath(projectDirectory);
        if (!string.Equals(Path.GetPathRoot(fileFullPath), Path.GetPathRoot(projectFullPath), PathComparison))
        {
            return null;
        }

        var file = fileFullPath.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var project = projectFullPath.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

        var common = 0;
        while (common < file.Length - 1 && common < project.Length && string.Equals(file[common], project[common], PathComparison))
        {
            common++;
        }

        var segments = new List<string>();
        for (var i = common; i < project.Length; i++)
        {
            segments.Add("..");
        }

        for (var i = common; i < file.Length; i++)
        {
            segments.Add(file[i]);
        }

        return string.Join("/", segments);
    }

    /// <summary>
    /// Where under <paramref name="outputDirectory"/> a file's encoded copy goes. Parent segments are renamed so
    /// files outside the project directory still land inside the output directory.
    /// </summary>
    public static string EncodedFilePath(string outputDirectory, string relativePath)
    {
        var segments = relativePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] == "..")
            {
                segments[i] = "__";
            }
        }

        return Path.Combine(Path.GetFullPath(outputDirectory), Path.Combine(segments) + ".b64");
    }
}
