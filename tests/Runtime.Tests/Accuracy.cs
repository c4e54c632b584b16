using System;
using Xunit.Sdk;

namespace QuantizedModels.Runtime.Tests;

/// <summary>ORT's comparison rule: |expected - actual| &lt;= 1e-5 + 1e-3 * |expected|; NaN and infinities must match exactly.</summary>
internal static class Accuracy
{
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (!IsClose(expected[i], actual[i]))
            {
                throw new XunitException($"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R}");
            }
        }
    }

    public static bool IsClose(double expected, float actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || float.IsInfinity(actual))
        {
            return expected == actual;
        }

        return Math.Abs(expected - actual) <= 1e-5 + 1e-3 * Math.Abs(expected);
    }
}
