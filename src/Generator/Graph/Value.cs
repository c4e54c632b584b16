namespace QuantizedModels.Generator.Graph;

/// <summary>A named tensor of the graph: a graph input, a node output, or a constant (initializer).</summary>
internal sealed class Value
{
    public Value(string name, ElementType type, long[]? dims, TensorData? constant = null)
    {
        Name = name;
        Type = type;
        Dims = dims;
        Constant = constant;
    }

    public string Name { get; }

    public ElementType Type { get; set; }

    /// <summary>Dimensions; null while unknown, an entry below zero for an unknown dimension.</summary>
    public long[]? Dims { get; set; }

    /// <summary>Symbolic names of dimensions as the model declares them (index-aligned with <see cref="Dims"/>), or null.</summary>
    public string?[]? DimNames { get; set; }

    /// <summary>Contents when the tensor is known at build time.</summary>
    public TensorData? Constant { get; set; }

    /// <summary>Quantization parameters of an integer tensor, when the model carries them.</summary>
    public QuantizationInfo? Quantization { get; set; }

    /// <summary>
    /// For a float constant that is a dequantized integer tensor (ONNX DequantizeLinear of an initializer), the integer
    /// data it came from; <see cref="Quantization"/> then holds its scales and zero points. Int8 lowering uses them
    /// as they are instead of quantizing again.
    /// </summary>
    public TensorData? QuantizedSource { get; set; }

    public bool IsConstant => Constant is not null;

    public long ElementCount => Shape.ElementCount(Dims!);
}
