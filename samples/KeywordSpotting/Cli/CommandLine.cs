using System;
using System.Collections.Generic;
using System.Globalization;

namespace KeywordSpotting.Cli;

public enum CommandKind
{
    ClassifyFiles,
    Stream,
    Evaluate,
    Help,
}

/// <summary>The parsed command line of <c>kws</c>.</summary>
public sealed record CommandLine(
    CommandKind Kind,
    IReadOnlyList<string> Paths,
    float Threshold,
    TimeSpan Step,
    TimeSpan Refractory,
    string? ListFile,
    string Model = CommandLine.Int8Model)
{
    /// <summary>MLPerf Tiny's int8 DS-CNN as TensorFlow Lite quantized it (the default).</summary>
    public const string Int8Model = "int8";

    /// <summary>The same network in float32.</summary>
    public const string FloatModel = "float";

    public const string Usage =
        """
        usage:
          kws FILE.wav [FILE.wav ...]        classify one-second clips
          kws --stream FILE.wav | -          spot keywords in a long recording, or in raw 16 kHz
                                             16-bit mono PCM read from stdin ("-")
              [--threshold P]                  minimum probability of a detection (default 0.8)
              [--step-ms MS]                   window step (default 250)
              [--refractory-ms MS]             gap before the same keyword is reported again (default 1000)
          kws --evaluate DIR [--list FILE]   accuracy and confusion matrix on a Speech Commands-style folder;
                                             --list restricts to the clips it names (e.g. testing_list.txt)
        options:
          --model int8 | float               the int8 DS-CNN quantized by TensorFlow Lite (default) or
                                             the float32 one
        Audio is mixed to mono and resampled to 16 kHz.
        """;

    /// <summary>Parses arguments; throws <see cref="FormatException"/> with a message for the user.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var kind = CommandKind.ClassifyFiles;
        var paths = new List<string>();
        var threshold = 0.8f;
        var stepMs = 250;
        var refractoryMs = 1000;
        string? listFile = null;
        var model = Int8Model;

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    kind = CommandKind.Help;
                    break;
                case "--stream":
                    kind = CommandKind.Stream;
                    break;
                case "--evaluate":
                    kind = CommandKind.Evaluate;
                    break;
                case "--threshold":
                    threshold = ParseNumber(args, ref i, float.Parse);
                    break;
                case "--step-ms":
                    stepMs = ParseNumber(args, ref i, int.Parse);
                    break;
                case "--refractory-ms":
                    refractoryMs = ParseNumber(args, ref i, int.Parse);
                    break;
                case "--list":
                    listFile = Value(args, ref i);
                    break;
                case "--model":
                    model = Value(args, ref i);
                    if (model is not (Int8Model or FloatModel)) throw new FormatException($"--model takes {Int8Model} or {FloatModel}, not '{model}'");
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new FormatException($"unknown option {option}");
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        var expectedPaths = kind switch
        {
            CommandKind.Help => paths.Count,
            CommandKind.ClassifyFiles => Math.Max(1, paths.Count),
            _ => 1,
        };
        if (paths.Count != expectedPaths)
        {
            throw new FormatException(kind == CommandKind.ClassifyFiles ? "no input files" : $"{kind} takes exactly one input");
        }

        if (threshold is < 0 or > 1 || stepMs is <= 0 or > 1000 || refractoryMs < 0)
        {
            throw new FormatException("need 0 <= threshold <= 1, 0 < step-ms <= 1000 and refractory-ms >= 0");
        }

        return new CommandLine(kind, paths, threshold, TimeSpan.FromMilliseconds(stepMs), TimeSpan.FromMilliseconds(refractoryMs), listFile, model);
    }

    private static T ParseNumber<T>(IReadOnlyList<string> args, ref int i, Func<string, IFormatProvider, T> parse)
    {
        var option = args[i];
        var text = Value(args, ref i);
        try
        {
            return parse(text, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new FormatException($"{option} needs a number, got '{text}'");
        }
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new FormatException($"{args[i]} needs a value");
        }

        return args[++i];
    }
}
