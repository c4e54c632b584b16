using System;
using System.Collections.Generic;
using System.Linq;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>
/// Float inputs of a model that quantizes its float input onto <paramref name="grid"/>: seeded uniform reals from
/// 32 steps below its int8 range to 32 above, and the adversarial ones: exact steps, half steps (the rounding
/// ties), and values far outside the range on both sides.
/// </summary>
public static class FloatInputs
{
    private const int Beyond = 32;

    public static IEnumerable<(string Name, float[] Values)> For(int length, int seed, int randomCount, Int8Tensor grid)
    {
        var random = new Random(seed);
        var (lowest, highest) = (sbyte.MinValue - grid.ZeroPoint - Beyond, sbyte.MaxValue - grid.ZeroPoint + Beyond);
        for (var i = 0; i < randomCount; i++)
        {
            yield return ($"random {i}", Filled(length, _ => lowest + ((highest - lowest) * random.NextDouble()), grid));
        }

        yield return ("whole steps", Filled(length, i => lowest + (i % (highest - lowest + 1)), grid));
        yield return ("half steps", Filled(length, i => lowest + (i % (highest - lowest)) + 0.5, grid));
        yield return ("far below the range", Filled(length, _ => 100.0 * lowest, grid));
        yield return ("far above the range", Filled(length, _ => 100.0 * highest, grid));
    }

    /// <summary>Values given in steps of the grid's scale.</summary>
    private static float[] Filled(int length, Func<int, double> steps, Int8Tensor grid) =>
        Enumerable.Range(0, length).Select(i => (float)(steps(i) * grid.Scale)).ToArray();
}
