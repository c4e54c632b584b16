using System;
using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Tests.Support;
using Xunit;

namespace QuantizedModels.Generator.Tests.Diagnostics;

/// <summary>
/// Bit flips of a valid model, seeded so failures reproduce. Whatever the damage, the generator must answer with
/// its own diagnostics about the model or a class: an exception escaping it surfaces only as the location-less warning CS8785.
/// </summary>
public class DamagedModelCorpusTests
{
    private const int Cases = 200;

    public static IEnumerable<object[]> Seeds => Enumerable.Range(0, Cases).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_generator_never_throws(int seed)
    {
        var run = new GeneratorHarness().WithSource(TestSources.ModelClass()).WithModel(Damage(TestModels.Cnn(), seed)).Run();

        Assert.DoesNotContain(run.DriverDiagnostics.Concat(run.Diagnostics), d => d.Id == "CS8785");
        Assert.True(run.Diagnostics.All(d => d.Id.StartsWith("QM", StringComparison.Ordinal)), string.Join("; ", run.Diagnostics));

        // QM0007 is the generator admitting a bug: damage must be explained as a problem with the model.
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "QM0007");
    }

    /// <summary>The model with one to four random bits flipped.</summary>
    private static byte[] Damage(byte[] model, int seed)
    {
        var random = new Random(seed);
        var damaged = (byte[])model.Clone();
        for (var flips = random.Next(1, 5); flips > 0; flips--)
        {
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
        }

        return damaged;
    }
}
