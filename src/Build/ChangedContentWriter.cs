using System;
using System.IO;
using System.Text;

namespace QuantizedModels.Build;

/// <summary>
/// Writes an ASCII text file only when its content differs from what is on disk, so an unchanged model keeps
/// its timestamp and the compiler's up-to-date check skips <c>CoreCompile</c>.
/// </summary>
internal static class ChangedContentWriter
{
    /// <returns><see langword="true"/> when the file was written.</returns>
    public static bool WriteIfChanged(string path, string asciiContent)
    {
        if (File.Exists(path)
            && new FileInfo(path).Length == asciiContent.Length
            && string.Equals(File.ReadAllText(path, Encoding.ASCII), asciiContent, StringComparison.Ordinal))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, asciiContent, Encoding.ASCII);
        return true;
    }
}
