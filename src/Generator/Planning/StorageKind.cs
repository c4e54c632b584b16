using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Planning;

internal enum StorageKind
{
    /// <summary>A caller's input span.</summary>
    Input,

    /// <summary>A caller's output span.</summary>
    Output,

    /// <summary>Constant data baked into the assembly.</summary>
    Constant,

    /// <summary>A slice of the instance's working memory for <see cref="Storage.Type"/>.</summary>
    Arena,
}

/// <summary>Where a tensor lives while <c>Predict</c> runs. Offset and length count elements of <see cref="Type"/>.</summary>
internal sealed record Storage(StorageKind Kind, int Index, int Offset, int Length, ElementType Type = ElementType.Float);
