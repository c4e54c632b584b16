using System;
using System.IO;

namespace QuantizedModels.Build;

/// <summary>
/// The path by which a <c>[QuantizedModel]</c> attribute names a file: relative to the project directory,
/// forward slashes, as the generator matches it.
/// </summary>
internal static class ProjectRelativePath
{
    /// <returns>The relative path, or <see langword="null"/> when the file is on another volume.</returns>
    public static string? Of(string fullPath, string projectDirectory)
    {
        var baseUri = new Uri(WithTrailingSeparator(Path.GetFullPath(projectDirectory)));
        var relativeUri = baseUri.MakeRelativeUri(new Uri(Path.GetFullPath(fullPath)));
        if (relativeUri.IsAbsoluteUri)
        {
            return null;
        }

        return Uri.UnescapeDataString(relativeUri.ToString()).Replace('\\', '/');
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

    private static string WithTrailingSeparator(string directory) =>
        directory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || directory.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal)
            ? directory
            : directory + Path.DirectorySeparatorChar;
}
