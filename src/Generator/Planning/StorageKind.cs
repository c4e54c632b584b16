namespace QuantizedModels.Generator.Planning;

internal enum StorageKind
{
    /// <summary>A caller's input span.</summary>
    Input,

    /// <summary>A caller's output span.</summary>
    Output,

    /// <summary>Constant data baked into the assembly.</summary>
    Constant,

    /// <summary>A slice of the instance's working memory.</summary>
    Arena,
}

/// <summary>Where a tensor lives while <c>Predict</c> runs. Offset and length count floats.</summary>
internal sealed record Storage(StorageKind Kind, int Index, int Offset, int Length);
