using System;
using System.Globalization;
using System.Text;
using KeywordSpotting.Model;

namespace KeywordSpotting.Evaluation;

/// <summary>Counts of (true class, predicted class) pairs over the <see cref="KeywordLabels"/> classes.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts = new int[KeywordLabels.Count, KeywordLabels.Count];

    public int Total { get; private set; }

    public int Correct { get; private set; }

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public int this[int expected, int predicted] => _counts[expected, predicted];

    public void Add(int expected, int predicted)
    {
        _counts[expected, predicted]++;
        Total++;
        if (expected == predicted)
        {
            Correct++;
        }
    }

    /// <summary>A table with one row per true class and one column per predicted class.</summary>
    public string Format()
    {
        const int cell = 8;
        var text = new StringBuilder();
        text.Append("true \\ predicted".PadRight(cell + 8));
        foreach (var label in KeywordLabels.All)
        {
            text.Append(label.PadLeft(cell));
        }

        text.AppendLine();
        for (var expected = 0; expected < KeywordLabels.Count; expected++)
        {
            text.Append(KeywordLabels.Name(expected).PadRight(cell + 8));
            for (var predicted = 0; predicted < KeywordLabels.Count; predicted++)
            {
                text.Append(_counts[expected, predicted].ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
