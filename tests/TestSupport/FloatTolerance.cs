using System;

namespace QuantizedModels.TestSupport;

/// <summary>
/// Element-wise float comparison in ONNX Runtime's style: |expected − actual| ≤ absolute + relative·|expected|,
/// NaN equal to NaN and an infinity equal to itself.
/// </summary>
public sealed record FloatTolerance(double Absolute, double Relative)
{
    /// <summary>ONNX Runtime's backend test runner rule.</summary>
    public static readonly FloatTolerance Onnx = new(1e-5, 1e-3);

    public bool Accepts(float expected, float actual)
    {
        if (float.IsNaN(expected) || float.IsNaN(actual)) return float.IsNaN(expected) && float.IsNaN(actual);
        if (float.IsInfinity(expected) || float.IsInfinity(actual)) return expected == actual;
        return Math.Abs((double)expected - actual) <= Absolute + Relative * Math.Abs((double)expected);
    }

    /// <summary>Null when every element passes, else a description of the first failure and of how many failed.</summary>
    public string? Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length) return $"length {actual.Length}, expected {expected.Length}";
        var failures = 0;
        var first = -1;
        for (var i = 0; i < expected.Length; i++)
        {
            if (Accepts(expected[i], actual[i])) continue;
            failures++;
            if (first < 0) first = i;
        }

        return failures == 0
            ? null
            : $"{failures} of {expected.Length} elements outside |e−a| ≤ {Absolute:g} + {Relative:g}·|e|; first at [{first}]: expected {expected[first]:R}, actual {actual[first]:R}";
    }

    /// <summary>Largest |expected − actual| over elements that are both finite.</summary>
    public static double MaxAbsoluteError(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        var max = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (float.IsFinite(expected[i]) && float.IsFinite(actual[i])) max = Math.Max(max, Math.Abs((double)expected[i] - actual[i]));
        }

        return max;
    }
}
