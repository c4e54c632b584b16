using System;
using System.Collections.Generic;
using System.Globalization;

namespace KeywordSpotting.Cli;

public enum CommandKind
{
    ClassifyFiles,
    Stream,
    Evaluate,
    CalibrationData,
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

    /// <summary>The float network quantized to int8 by the QuantizedModels build, calibrated on real clips.</summary>
    public const string BuildQuantizedModel = "int8-build";

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
          kws --calibration-data DIR OUT.npy [--list FILE]
                                             save the MFCCs of a folder's clips as calibration data for
                                             the generator's int8 quantization (float32 [clips, 1, 49, 10])
        options:
          --model int8 | int8-build | float  the int8 DS-CNN quantized by TensorFlow Lite (default), the
                                             float DS-CNN quantized to int8 by this build, or float32
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
                case "--calibration-data":
                    kind = CommandKind.CalibrationData;
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
                    if (model is not (Int8Model or BuildQuantizedModel or FloatModel)) throw new FormatException($"--model takes {Int8Model}, {BuildQuantizedModel} or {FloatModel}, not '{model}'");
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
            CommandKind.CalibrationData => 2,
            _ => 1,
        };
        if (paths.Count != expectedPaths)
        {
            throw new FormatException(kind switch
            {
                CommandKind.ClassifyFiles => "no input files",
                CommandKind.CalibrationData => "--calibration-data takes a folder and an output file",
                _ => $"{kind} takes exactly one input",
            });
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
