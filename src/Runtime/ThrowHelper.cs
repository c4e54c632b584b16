using System;
using System.Diagnostics.CodeAnalysis;

namespace QuantizedModels.Runtime;

/// <summary>Throws for generated code, kept out of line so <c>Predict</c> stays small and inlinable checks stay cheap.</summary>
public static class ThrowHelper
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the expected span length.</summary>
    /// <param name="parameterName">The span parameter.</param>
    /// <param name="expected">The tensor's element count.</param>
    /// <param name="actual">The span's length.</param>
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string parameterName, int expected, int actual) =>
        throw new ArgumentException($"Expected a span of {expected} floats but got {actual}.", parameterName);

    /// <summary>Throws an <see cref="ArgumentException"/> for packed data shorter than its unpacked length needs.</summary>
    /// <param name="parameterName">The packed span parameter.</param>
    /// <param name="expected">The bytes needed.</param>
    /// <param name="actual">The span's length.</param>
    [DoesNotReturn]
    public static void ThrowPackedTooShort(string parameterName, int expected, int actual) =>
        throw new ArgumentException($"Expected at least {expected} packed bytes but got {actual}.", parameterName);
}
