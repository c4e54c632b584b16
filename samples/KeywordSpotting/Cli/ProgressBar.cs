using System;
using System.IO;

namespace KeywordSpotting.Cli;

/// <summary>A one-line progress bar redrawn in place (carriage return), for stderr.</summary>
public sealed class ProgressBar(TextWriter writer, int total)
{
    private const int Width = 40;
    private int _lastDrawnFilled = -1;

    public void Report(int done)
    {
        var filled = total == 0 ? Width : (int)((long)done * Width / total);
        if (filled == _lastDrawnFilled && done != total)
        {
            return;
        }

        _lastDrawnFilled = filled;
        writer.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}");
        if (done == total)
        {
            writer.WriteLine();
        }

        writer.Flush();
    }
}
