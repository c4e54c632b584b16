using System;

namespace QuantizedModels.Runtime.Tests;

/// <summary>Seeded random inputs, so every failure reproduces.</summary>
internal sealed class TestData(int seed)
{
    private readonly Random _random = new(seed);

    public int Next(int minInclusive, int maxInclusive) => _random.Next(minInclusive, maxInclusive + 1);

    public bool Coin() => _random.Next(2) == 0;

    public float[] Floats(int count, float range = 1f)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((_random.NextDouble() * 2 - 1) * range);
        }

        return values;
    }

    /// <summary>Each output poisoned so a kernel that skips an element fails.</summary>
    public static float[] Poisoned(int count)
    {
        var values = new float[count];
        values.AsSpan().Fill(float.NaN);
        return values;
    }

    public Activation AnyActivation() => _random.Next(4) switch
    {
        0 => Activation.None,
        1 => Activation.Relu,
        2 => Activation.Clip(-0.5f, 0.75f),
        _ => Activation.LeakyRelu(0.1f),
    };
}
