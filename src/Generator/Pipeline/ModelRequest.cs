namespace QuantizedModels.Generator.Pipeline;

/// <summary>The calibration options of a build-time quantized model: the .npy file, the method and its percentile.</summary>
internal sealed record CalibrationOptions(string DataPath, int Method, double Percentile);

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
    CalibrationOptions Calibration,
    LocationInfo? AttributeLocation,
    DiagnosticInfo? Error)
{
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
