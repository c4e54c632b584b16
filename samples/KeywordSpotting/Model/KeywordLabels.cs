using System;

namespace KeywordSpotting.Model;

/// <summary>The DS-CNN's 12 output classes in index order, and how Speech Commands words map onto them.</summary>
public static class KeywordLabels
{
    public const int Silence = 10;
    public const int Unknown = 11;
    public const int Count = 12;

    /// <summary>Labels in model output order: the 10 keywords, then silence, then unknown.</summary>
    public static ReadOnlySpan<string> All => s_all;

    private static readonly string[] s_all =
        ["down", "go", "left", "no", "off", "on", "right", "stop", "up", "yes", "silence", "unknown"];

    public static string Name(int index) => s_all[index];

    public static bool IsKeyword(int index) => index is >= 0 and < Silence;

    /// <summary>
    /// The class of a spoken word: its keyword index, or <see cref="Unknown"/> for any other word.
    /// "silence" and "_silence_" name the silence class.
    /// </summary>
    public static int FromWord(string word)
    {
        var normalized = word.Trim().ToLowerInvariant();
        if (normalized is "silence" or "_silence_")
        {
            return Silence;
        }

        var index = Array.IndexOf(s_all, normalized, 0, Silence);
        return index >= 0 ? index : Unknown;
    }
}
