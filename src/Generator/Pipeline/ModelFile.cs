using System;

namespace QuantizedModels.Generator.Pipeline;

/// <summary>
/// One model file given to the build: its path relative to the project, as the attribute names it, and its
/// bytes as the base64 text the build task wrote. Text compares by value, so unchanged files stay cached.
/// </summary>
internal sealed record ModelFile(string RelativePath, string Base64)
{
    public byte[] DecodeBytes() => Convert.FromBase64String(Base64);

    /// <summary>Canonical form of a project-relative path: forward slashes, no leading "./".</summary>
    public static string NormalizePath(string path)
    {
        var normalized = path.Trim().Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized.Substring(2);
        }

        return normalized;
    }
}
