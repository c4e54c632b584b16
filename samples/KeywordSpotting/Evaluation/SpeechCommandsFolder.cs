using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KeywordSpotting.Audio;
using KeywordSpotting.Features;
using KeywordSpotting.Model;

namespace KeywordSpotting.Evaluation;

/// <summary>
/// Lists the clips of a Speech Commands-style folder: one subfolder per spoken word, holding one-second wavs.
/// A keyword's folder gives that keyword; any other word's folder gives "unknown"; a folder named "silence"
/// or "_silence_" gives "silence". The long recordings in <c>_background_noise_</c> are cut into consecutive
/// whole seconds, each a "silence" clip, as the MLPerf Tiny data set makes its silence class from them.
/// When a list file is given (e.g. testing_list.txt, paths like "yes/abc_nohash_0.wav"), only the word clips it
/// names are used; background noise is then left out.
/// </summary>
public static class SpeechCommandsFolder
{
    public const string BackgroundNoiseFolder = "_background_noise_";

    public static IReadOnlyList<LabeledClip> ListClips(string root, string? listFile = null)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No such folder: {root}");
        }

        var listed = listFile is null
            ? null
            : File.ReadLines(listFile).Select(line => line.Trim()).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal);

        var clips = new List<LabeledClip>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var word = Path.GetFileName(folder);
            if (word == BackgroundNoiseFolder)
            {
                if (listed is null)
                {
                    AddBackgroundNoiseSeconds(folder, clips);
                }

                continue;
            }

            var label = KeywordLabels.FromWord(word);
            foreach (var file in Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal))
            {
                if (listed is null || listed.Contains(word + "/" + Path.GetFileName(file)))
                {
                    clips.Add(new LabeledClip(file, 0, label));
                }
            }
        }

        return clips;
    }

    private static void AddBackgroundNoiseSeconds(string folder, List<LabeledClip> clips)
    {
        foreach (var file in Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal))
        {
            var length = AudioFile.LoadMono(file, MlperfKwsFrontEnd.SampleRate).Samples.Length;
            for (var start = 0; start + MlperfKwsFrontEnd.ClipLength <= length; start += MlperfKwsFrontEnd.ClipLength)
            {
                clips.Add(new LabeledClip(file, start, KeywordLabels.Silence));
            }
        }
    }
}
