namespace QuantizedModels.Generator.Pipeline;

/// <summary>
/// How a float model is quantized at build time: the calibration .npy file, the range method and its percentile, and
/// whether weights get one scale per tensor instead of one per output channel; and whose rounding int8 ONNX code
/// follows (<see cref="Rounding"/>, the attribute's QuantizedRounding: 0 TFLite, 1 ONNX Runtime); the largest weight
/// magnitude (<see cref="WeightMaxLevel"/>: 127 for int8, 7 for int4); whether every scale is a power of two; whether
/// the class embeds the quantized graph as a QDQ ONNX model.
/// </summary>
internal sealed record QuantizationOptions(string DataPath, int Method, double Percentile, bool PerTensorWeights = false, int Rounding = 0, double MinimumAgreement = 90, int WeightMaxLevel = 127, bool PowerOfTwoScales = false, bool ExportQdq = false)
{
    public Quantization.WeightGrid WeightGrid => new(PerTensorWeights, WeightMaxLevel, PowerOfTwoScales);
}

/// <summary>A <c>[QuantizedLayer]</c> on the class: the node named <paramref name="NodeName"/> computed with <paramref name="Scheme"/>.</summary>
internal sealed record LayerScheme(string NodeName, int Scheme);

/// <summary>A type that encloses the annotated class, written back around the generated members.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// What one <c>[QuantizedModel]</c> attribute asks for: the target class and the options, as plain
/// equatable data (no symbols or syntax) so the pipeline can cache it. <see cref="Scheme"/> is null when the
/// attribute does not set it (the model's own arithmetic).
/// </summary>
internal sealed record ModelRequest(
    string? Namespace,
    string ClassName,
    string Accessibility,
    EquatableArray<ContainingType> ContainingTypes,
    string ModelPath,
    int? Scheme,
    QuantizationOptions Quantization,
    LocationInfo? AttributeLocation,
    DiagnosticInfo? Error)
{
    /// <summary>Per-node scheme overrides (mixed precision), in declaration order.</summary>
    public EquatableArray<LayerScheme> LayerSchemes { get; init; }

    /// <summary>The attribute's <c>FreeDimensions</c>: sizes for named symbolic input dimensions, "M=4, K=8"; empty for none.</summary>
    public string FreeDimensions { get; init; } = "";

    /// <summary>The class name with namespace and enclosing types, for hint names and messages.</summary>
    public string FullName
    {
        get
        {
            var prefix = Namespace is null ? "" : Namespace + ".";
            foreach (var type in ContainingTypes)
            {
                prefix += type.Name + ".";
            }

            return prefix + ClassName;
        }
    }
}
