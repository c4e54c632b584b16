using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace QuantizedModels.Generator.Tests.Support;

/// <summary>
/// Approved-file checks for generated source. The approved text lives in <c>{TestClass}.{TestMethod}.verified.cs</c>
/// beside the test file (Verify's naming, so Verify.SourceGenerators can replace this). A mismatch writes
/// <c>.received.cs</c> and fails with the first differing line; <c>QM_ACCEPT_SNAPSHOTS=1</c> accepts instead.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "QM_ACCEPT_SNAPSHOTS";
    private const int ContextLines = 2;

    public static void Verify(string actual, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var stem = Path.Combine(Path.GetDirectoryName(testFile)!, Path.GetFileNameWithoutExtension(testFile) + "." + testMethod);
        var verifiedPath = stem + ".verified.cs";
        var receivedPath = stem + ".received.cs";
        var received = Normalize(actual);
        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        var reason = verified is null ? "no approved snapshot yet" : FirstDifference(verified, received);
        throw new XunitException($"Snapshot {Path.GetFileName(verifiedPath)} differs: {reason}.{Environment.NewLine}Review {receivedPath}; rename it to .verified.cs or set {AcceptVariable}=1 to accept.");
    }

    // Git may check snapshots out with CRLF; the generator writes LF.
    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string verified, string received)
    {
        var expectedLines = verified.Split('\n');
        var actualLines = received.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line]) line++;
        return $"first difference at line {line + 1}{Environment.NewLine}--- verified{Environment.NewLine}{Excerpt(expectedLines, line)}+++ received{Environment.NewLine}{Excerpt(actualLines, line)}";
    }

    private static string Excerpt(string[] lines, int at)
    {
        var text = "";
        for (var i = Math.Max(0, at - ContextLines); i <= Math.Min(lines.Length - 1, at + ContextLines); i++)
        {
            text += (i == at ? "> " : "  ") + lines[i] + Environment.NewLine;
        }

        return text;
    }
}
