using System;
using System.Linq;

namespace QuantizedModels.Benchmarks;

/// <summary>Benchmarks time only models that compute the right function: quantized outputs must stay near the reference.</summary>
internal static class OutputGuard
{
    /// <summary>
    /// Runs <paramref name="predict"/> (which writes <paramref name="output"/>) and throws unless every output is within
    /// <paramref name="bound"/> times the reference scores' range of <paramref name="reference"/>.
    /// </summary>
    public static void WithinRange(string what, Action predict, float[] output, float[] reference, float bound)
    {
        predict();
        var range = reference.Max() - reference.Min();
        var difference = reference.Zip(output, (e, a) => Math.Abs(e - a)).Max();
        Console.WriteLine($"// {what}: max |generated - ORT| = {difference:E2} (scores span {range:E2})");
        if (!(difference <= bound * Math.Max(range, 1e-6f)))
        {
            throw new InvalidOperationException($"{what} differs from ONNX Runtime by {difference}, more than {bound} of the scores' range {range}.");
        }
    }
}
