using System.Collections.Generic;

namespace QuantizedModels.Generator.Graph;

internal enum AttributeKind
{
    Undefined = 0,
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Graph = 5,
    Floats = 6,
    Ints = 7,
    Strings = 8,
    Tensors = 9,
    Graphs = 10,
}

/// <summary>A node attribute; only the member matching <see cref="Kind"/> is meaningful.</summary>
internal sealed class AttributeValue
{
    public AttributeKind Kind { get; set; }

    public float Float { get; set; }

    public long Int { get; set; }

    public string? String { get; set; }

    public TensorData? Tensor { get; set; }

    public IReadOnlyList<float> Floats { get; set; } = new float[0];

    public IReadOnlyList<long> Ints { get; set; } = new long[0];

    public IReadOnlyList<string> Strings { get; set; } = new string[0];

    public IReadOnlyList<TensorData> Tensors { get; set; } = new TensorData[0];
}
