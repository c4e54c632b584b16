using System;
using System.IO;
using KeywordSpotting.Cli;
using KeywordSpotting.Model;

namespace KeywordSpotting;

public static class Program
{
    private const int UsageError = 2;
    private const int NoModel = 3;

    public static int Main(string[] args)
    {
        CommandLine options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"kws: {e.Message}");
            Console.Error.WriteLine(CommandLine.Usage);
            return UsageError;
        }

        if (options.Kind == CommandKind.Help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (options.Kind == CommandKind.CalibrationData)
        {
            return Guarded(() => CalibrationDataCommand.Run(options, Console.Out, Console.Error));
        }

        var model = KeywordModelCatalog.Create(options.Model);
        if (model is null)
        {
            Console.Error.WriteLine(
                "kws: this build has no keyword model; the DS-CNN is compiled in by the QuantizedModels generator " +
                "from KeywordModels.cs, which the build did not include.");
            return NoModel;
        }

        var classifier = new KeywordClassifier(model);
        return Guarded(() => options.Kind switch
        {
            CommandKind.Stream => StreamCommand.Run(classifier, options, Console.Out),
            CommandKind.Evaluate => EvaluateCommand.Run(classifier, options, Console.Out, Console.Error),
            _ => ClassifyFilesCommand.Run(classifier, options.Paths, Console.Out, Console.Error),
        });
    }

    /// <summary>Runs a command, turning file problems into a message and exit code 1.</summary>
    private static int Guarded(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"kws: {e.Message}");
            return 1;
        }
    }
}
