using System;
using System.Collections.Generic;
using System.Linq;

namespace QuantizedModels.Oracle.Crafting;

/// <summary>Inputs each crafted model is run on: seeded uniform noise and the adversarial extremes.</summary>
public static class Int8Inputs
{
    public static IEnumerable<(string Name, sbyte[] Values)> For(int length, int seed, int randomCount)
    {
        var random = new Random(seed);
        for (var i = 0; i < randomCount; i++)
        {
            yield return ($"random {i}", Random(random, length, -128, 127));
        }

        yield return ("all -128", Filled(length, _ => sbyte.MinValue));
        yield return ("all 127", Filled(length, _ => sbyte.MaxValue));
        yield return ("alternating -128, 127", Filled(length, i => i % 2 == 0 ? sbyte.MinValue : sbyte.MaxValue));
        yield return ("alternating 127, -128", Filled(length, i => i % 2 == 0 ? sbyte.MaxValue : sbyte.MinValue));
    }

    public static sbyte[] Random(Random random, int length, int min, int max) =>
        Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(min, max + 1)).ToArray();

    private static sbyte[] Filled(int length, Func<int, sbyte> value) => Enumerable.Range(0, length).Select(value).ToArray();
}
