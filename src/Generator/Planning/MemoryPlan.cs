using System.Collections.Generic;
using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Planning;

/// <summary>One working buffer of a single element type: its length and its lower bound (the largest live set), in elements.</summary>
internal sealed record Arena(ElementType Type, int Length, int LowerBound)
{
    public long Bytes => (long)Length * Type.SizeInBytes();
}

/// <summary>The result of planning: storage per tensor and one arena per element type that intermediates use.</summary>
internal sealed class MemoryPlan
{
    public MemoryPlan(IReadOnlyDictionary<string, Storage> storage, IReadOnlyList<Arena> arenas)
    {
        Storage = storage;
        Arenas = arenas;
    }

    public IReadOnlyDictionary<string, Storage> Storage { get; }

    /// <summary>Arenas in a fixed order (by element type), only those with a tensor in them.</summary>
    public IReadOnlyList<Arena> Arenas { get; }

    public long ArenaBytes => Arenas.Sum(a => a.Bytes);

    public long LowerBoundBytes => Arenas.Sum(a => (long)a.LowerBound * a.Type.SizeInBytes());

    /// <summary>Length in elements of the arena of <paramref name="type"/>, 0 when no tensor uses it.</summary>
    public int ArenaLength(ElementType type) => Arenas.FirstOrDefault(a => a.Type == type)?.Length ?? 0;

    public int LowerBound(ElementType type) => Arenas.FirstOrDefault(a => a.Type == type)?.LowerBound ?? 0;
}
