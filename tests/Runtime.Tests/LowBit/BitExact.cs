using System;
using Xunit;

namespace QuantizedModels.Runtime.Tests;

/// <summary>Bit-for-bit comparison of a fast path with its reference (any NaN equal to any NaN).</summary>
internal static class BitExact
{
    public static void AssertEqual(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                $"{what}: element {i} is {actual[i]:R}, the reference gives {expected[i]:R}");
        }
    }
}
