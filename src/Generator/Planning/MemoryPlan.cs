using System.Collections.Generic;

namespace QuantizedModels.Generator.Planning;

/// <summary>The result of planning: storage per tensor and the arena size, next to its lower bound (the largest live set).</summary>
internal sealed class MemoryPlan
{
    public MemoryPlan(IReadOnlyDictionary<string, Storage> storage, int arenaFloats, int lowerBoundFloats)
    {
        Storage = storage;
        ArenaFloats = arenaFloats;
        LowerBoundFloats = lowerBoundFloats;
    }

    public IReadOnlyDictionary<string, Storage> Storage { get; }

    public int ArenaFloats { get; }

    public int LowerBoundFloats { get; }
}
