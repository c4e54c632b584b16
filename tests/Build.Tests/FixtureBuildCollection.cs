using Xunit;

namespace QuantizedModels.Build.Tests;

/// <summary>
/// Fixture builds run one at a time: they build the repository's projects in place, and two builds of the
/// same project at once would race on its obj/ folder. They are slow, so they carry the EndToEnd trait.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FixtureBuildCollection
{
    public const string Name = "Fixture builds";
    public const string Trait = "Category";
    public const string TraitValue = "EndToEnd";
}
